using MediaCompiler.Contract;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Engine.Tests;

/// <summary><see cref="MediaEngine.GetJobAsync"/>: the status once the job ends, or as it stands after the wait (the long poll's engine side).</summary>
public sealed class JobWaitTests
{
    private static readonly byte[] Prompt = TestWav.Write(Signals.Speechlike(8000, 0.3), 8000, TestWav.Encoding.Pcm16);

    [Fact]
    public async Task A_running_job_is_answered_as_it_stands_once_the_wait_has_passed_on_the_engines_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var compiler = new HoldingCompiler();
        using var engine = new MediaEngine(new MediaEngineOptions { TimeProvider = clock }, compiler);
        var asset = engine.Upload("welcome.wav", Prompt);
        var id = engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "menu")));
        await compiler.Started;

        var answer = engine.GetJobAsync(id, TimeSpan.FromSeconds(5), EngineFixture.Guard());
        clock.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(100);
        var heldBeforeTheWaitEnds = !answer.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var status = await answer.WaitAsync(EngineFixture.Guard());

        Assert.True(heldBeforeTheWaitEnds, "answered before the wait had passed");
        Assert.Equal(CompileJobStates.Running, status!.Status);
    }

    [Fact]
    public async Task An_unknown_job_is_null_at_once()
    {
        using var engine = new MediaEngine();

        Assert.Null(await engine.GetJobAsync("job-unknown", TimeSpan.FromSeconds(5), EngineFixture.Guard()).WaitAsync(EngineFixture.Guard()));
    }
}
