using MediaCompiler.Contract;
using MediaCompiler.Engine.Tests.Support;

namespace MediaCompiler.Engine.Tests;

public class JobLifecycleTests
{
    private static readonly byte[] Prompt = TestWav.Write(Signals.Speechlike(8000, 0.3), 8000, TestWav.Encoding.Pcm16);

    [Fact]
    public async Task A_forced_failure_ends_FAILED_saying_it_was_forced()
    {
        var seen = new List<CompileRequestContext>();
        using var engine = new MediaEngine(new MediaEngineOptions { JobFaults = context => { seen.Add(context); return JobFault.Fail; } });
        var asset = engine.Upload("a.wav", Prompt);

        var job = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "n")));

        Assert.Equal(CompileJobStates.Failed, job.Status);
        Assert.Contains("fault injection", job.Message);
        Assert.Equal(new CompileRequestContext(job.Id, "flow-1", "build-42", 1), Assert.Single(seen));
    }

    [Fact]
    public async Task A_never_finishing_job_stays_RUNNING_until_reset_without_blocking_others()
    {
        var faults = new Queue<JobFault>([JobFault.NeverFinish, JobFault.None]);
        using var engine = new MediaEngine(new MediaEngineOptions { MaxConcurrentJobs = 1, JobFaults = _ => faults.Dequeue() });
        var asset = engine.Upload("a.wav", Prompt);
        var stuck = engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "n")));
        var finished = new List<string>();
        engine.JobFinished += (status, _) => finished.Add(status.Id);

        // With one worker, the second job runs only after the first was taken up: so the first has had its chance.
        var next = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "n")));

        Assert.Equal(CompileJobStates.Completed, next.Status);
        Assert.Equal(CompileJobStates.Running, engine.GetJob(stuck)!.Status);
        var waiting = engine.WaitForJobAsync(stuck, EngineFixture.Guard());
        Assert.False(waiting.IsCompleted);

        engine.Reset();

        var forgotten = await waiting;
        Assert.Equal(CompileJobStates.Failed, forgotten.Status);
        Assert.Contains("reset", forgotten.Message);
        Assert.Null(engine.GetJob(stuck));
        Assert.Null(engine.GetAsset(asset.Id));
        Assert.Equal(new[] { next.Id }, finished);
    }

    [Fact]
    public async Task Waiting_honours_cancellation()
    {
        using var engine = new MediaEngine(new MediaEngineOptions { JobFaults = _ => JobFault.NeverFinish });
        var asset = engine.Upload("a.wav", Prompt);
        var id = engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "n")));
        using var cancellation = new CancellationTokenSource();

        var waiting = engine.WaitForJobAsync(id, cancellation.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
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
        var engine = new MediaEngine(new MediaEngineOptions { JobFaults = _ => JobFault.NeverFinish });
        var asset = engine.Upload("a.wav", Prompt);
        var waiting = engine.WaitForJobAsync(engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "n"))), EngineFixture.Guard());

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
