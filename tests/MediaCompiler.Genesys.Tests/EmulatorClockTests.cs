using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests;

/// <summary>The rule of <see cref="EmulatorClock"/>: when it may move, how far, and that a sync on it is exact.</summary>
public sealed class EmulatorClockTests
{
    [Fact]
    public async Task A_deadline_alone_holds_the_clock_a_wait_moves_it_to_the_earliest_timer_and_a_request_in_flight_holds_it()
    {
        await using var clock = new EmulatorClock(drive: false);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
        Assert.Null(clock.NextStep());

        var wait = Task.Delay(TimeSpan.FromSeconds(10), clock, deadline.Token);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.NextStep());

        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var toEmulator = new HttpMessageInvoker(clock.Track(new AnswersWhenTold(answer.Task)));
        var inFlight = toEmulator.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://emulator/"), CancellationToken.None);
        Assert.Null(clock.NextStep());
        answer.SetResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        (await inFlight).Dispose();
        Assert.Equal(TimeSpan.FromSeconds(5), clock.NextStep());

        clock.Advance(clock.NextStep()!.Value);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Null(clock.NextStep());
    }

    [Fact]
    public async Task A_server_that_never_answers_lets_the_clock_reach_the_deadline()
    {
        await using var clock = new EmulatorClock(drive: false);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3), clock);
        var never = clock.WaitForeverAsync(deadline.Token);

        Assert.Equal(TimeSpan.FromSeconds(3), clock.NextStep());
        clock.Advance(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);
    }

    [Fact]
    public async Task A_sync_through_every_lag_takes_the_same_requests_and_the_same_clock_time_every_run()
    {
        var first = await SyncAsync();
        var second = await SyncAsync();

        Assert.Equal(first.Requests.OrderBy(p => p.Key), second.Requests.OrderBy(p => p.Key));
        Assert.Equal(first.Took, second.Took);
        // It waited on the clock: at least the 200 ms transcode delay passed for the emulator.
        Assert.True(first.Took >= TimeSpan.FromMilliseconds(200), $"took {first.Took}");
    }

    private static async Task<(Dictionary<string, int> Requests, TimeSpan Took)> SyncAsync()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = new[] { org.Prompt("Welcome", "en-us", 440), org.Prompt("Welcome", "de-de", 450), org.Prompt("Goodbye", "en-us", 460) };
        var started = org.Clock.GetUtcNow();
        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));
        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        return (requests, org.Clock.GetUtcNow() - started);
    }

    private sealed class AnswersWhenTold(Task<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer;
    }
}
