using MediaCompiler.Contract;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

public class JobLifecycleTests
{
    private static readonly byte[] Prompt = TestWav.Write(Signals.Speechlike(8000, 0.3), 8000, TestWav.Encoding.Pcm16);

    [Fact]
    public async Task A_running_job_stays_RUNNING_until_reset_which_ends_its_wait_as_FAILED()
    {
        var compiler = new HoldingCompiler();
        using var engine = new MediaEngine(new MediaEngineOptions(), compiler);
        var asset = engine.Upload("a.wav", Prompt);
        var running = engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "n")));
        var finished = new List<string>();
        engine.JobFinished += (status, _) => finished.Add(status.Id);
        await compiler.Started;

        Assert.Equal(CompileJobStates.Running, engine.GetJob(running)!.Status);
        var waiting = engine.WaitForJobAsync(running, EngineFixture.Guard());
        Assert.False(waiting.IsCompleted);

        engine.Reset();

        var forgotten = await waiting;
        Assert.Equal(CompileJobStates.Failed, forgotten.Status);
        Assert.Contains("reset", forgotten.Message);
        Assert.Null(engine.GetJob(running));
        Assert.Null(engine.GetAsset(asset.Id));
        Assert.Empty(finished);
    }

    [Fact]
    public async Task Waiting_honours_cancellation()
    {
        var compiler = new HoldingCompiler();
        using var engine = new MediaEngine(new MediaEngineOptions(), compiler);
        var asset = engine.Upload("a.wav", Prompt);
        var id = engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "n")));
        await compiler.Started;
        using var cancellation = new CancellationTokenSource();

        var waiting = engine.WaitForJobAsync(id, cancellation.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_throwing_JobFinished_subscriber_is_reported_as_an_incident_and_others_are_still_told()
    {
        var incidents = new List<EngineIncident>();
        using var engine = new MediaEngine(new MediaEngineOptions { OnIncident = incident => { lock (incidents) { incidents.Add(incident); } } });
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.JobFinished += (_, _) => throw new InvalidOperationException("subscriber bug");
        engine.JobFinished += (status, _) => told.TrySetResult(status.Id);
        var asset = engine.Upload("a.wav", Prompt);

        var job = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "n")));

        Assert.Equal(job.Id, await told.Task.WaitAsync(EngineFixture.Guard()));
        Assert.Equal(1, engine.IncidentCount);
        lock (incidents)
        {
            Assert.Equal("subscriber bug", Assert.Single(incidents).Exception.Message);
        }
    }

    [Fact]
    public async Task Waiting_for_an_unknown_job_fails()
    {
        using var engine = new MediaEngine();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.WaitForJobAsync("nope", CancellationToken.None));
        Assert.Null(engine.GetJob("nope"));
    }

    [Fact]
    public async Task Dispose_ends_pending_waits()
    {
        var compiler = new HoldingCompiler();
        var engine = new MediaEngine(new MediaEngineOptions(), compiler);
        var asset = engine.Upload("a.wav", Prompt);
        var waiting = engine.WaitForJobAsync(engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "n"))), EngineFixture.Guard());
        await compiler.Started;

        engine.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Throws<ObjectDisposedException>(() => engine.GetJob("x"));
    }

    [Fact]
    public async Task Many_jobs_on_many_threads_all_complete()
    {
        using var engine = new MediaEngine(new MediaEngineOptions { MaxConcurrentJobs = 2 });
        var assets = Enumerable.Range(0, 4)
            .Select(i => engine.Upload($"p{i}.wav", TestWav.Write(Signals.Tone(300 + (100 * i), 0.5, 8000, 0.2), 8000, TestWav.Encoding.Pcm16)))
            .ToArray();

        var jobs = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            engine.CompileAsync(EngineFixture.Request(i % 2 == 0 ? "ulaw" : "alaw", (assets[i % 4].Id, "n"))))));

        Assert.All(jobs, job => Assert.Equal(CompileJobStates.Completed, job.Status));
        Assert.Equal(12, jobs.Select(j => j.Id).Distinct().Count());
    }
}
