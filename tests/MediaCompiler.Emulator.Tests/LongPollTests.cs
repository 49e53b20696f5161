using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Contract;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Emulator.Tests;

/// <summary>GET compile/{id} with <c>Prefer: wait=N</c>: held until the job ends or N seconds pass (media API 2.2).</summary>
public sealed class LongPollTests
{
    [Fact]
    public async Task A_status_request_that_prefers_to_wait_is_answered_when_the_job_ends()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        // Enough work (20 prompts of 2 s) that the job is still running when the status request arrives.
        var assets = new List<MediaAssetDto>();
        for (var i = 0; i < 20; i++)
        {
            assets.Add(await api.UploadOkAsync(TestAudio.Wav(8000, 2.0 + (i * 0.01)), $"p{i}.wav"));
        }
        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", assets.Select((a, i) => (a.Id, $"n{i}")).ToArray()));

        using var held = await GetStatusAsync(api, accepted.Id, "wait=30");

        var job = await held.Content.ReadFromJsonAsync<CompileJobStatus>(MediaApiJson.Options);
        Assert.Equal(CompileJobStates.Completed, job!.Status);
        Assert.Equal(20, job.Results!.Count);
        Assert.Equal("wait=30", string.Join(",", held.Headers.GetValues(PreferWait.AppliedHeaderName)));
    }

    [Fact]
    public async Task A_job_that_never_ends_holds_the_answer_the_whole_wait_on_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await Emulators.StartAsync(s => s.TimeProvider = clock);
        using var api = await new ApiSession(emulator).LogInAsync();
        var accepted = await SubmitNeverEndingJobAsync(api);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await emulator.Engine.WaitForJobAsync(accepted.Id, guard.Token);

        var answer = GetStatusAsync(api, accepted.Id, "respond-async, wait=5");
        await Task.Delay(300);
        var heldBeforeTheWaitEnds = !answer.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(5));
        using var held = await answer.WaitAsync(guard.Token);

        Assert.True(heldBeforeTheWaitEnds, "answered before the 5 s asked for had passed on the emulator's clock");
        Assert.Equal(CompileJobStates.Running, (await held.Content.ReadFromJsonAsync<CompileJobStatus>(MediaApiJson.Options))!.Status);
        Assert.Equal("wait=5", string.Join(",", held.Headers.GetValues(PreferWait.AppliedHeaderName)));
    }

    [Fact]
    public async Task Without_the_preference_the_status_is_answered_at_once_and_says_nothing_was_applied()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await Emulators.StartAsync(s => s.TimeProvider = clock);
        using var api = await new ApiSession(emulator).LogInAsync();
        var accepted = await SubmitNeverEndingJobAsync(api);

        // The clock never moves: a held answer would never come (the guard fails the test instead).
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var answer = await GetStatusAsync(api, accepted.Id, prefer: null).WaitAsync(guard.Token);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains(PreferWait.AppliedHeaderName));
    }

    [Theory]
    [InlineData("wait=5", 5)]
    [InlineData("respond-async, wait=10", 10)]
    [InlineData("WAIT = \"7\"", 7)]
    [InlineData("wait=5; foo=bar", 5)]
    [InlineData("wait=3600", PreferWait.MaxSeconds)]
    [InlineData("wait=-1", null)]
    [InlineData("wait=abc", null)]
    [InlineData("wait=99999999999", null)]
    [InlineData("handling=lenient", null)]
    [InlineData("", null)]
    public void The_wait_preference_is_read_as_RFC_7240_writes_it(string header, int? seconds) =>
        Assert.Equal(seconds, PreferWait.Parse([header]));

    /// <summary>A one-prompt job the NeverFinish fault shows as RUNNING for ever (the engine really compiles it).</summary>
    private static async Task<CompileAccepted> SubmitNeverEndingJobAsync(ApiSession api)
    {
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        api.Emulator.Faults.Set(new FaultSettings { JobFault = JobFault.NeverFinish });
        return await api.SubmitOkAsync(ApiSession.CompileRequestFor(api.Emulator.FlowId, "ulaw", (asset.Id, "n1")));
    }

    private static async Task<HttpResponseMessage> GetStatusAsync(ApiSession api, string id, string? prefer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MediaApiRoutes.CompilationPath(id).TrimStart('/'));
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation(PreferWait.HeaderName, prefer);
        }
        var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
