using System.Net;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

/// <summary>
/// One client cannot queue unbounded work: beyond its cap of unfinished jobs a submission is 429 with Retry-After
/// (IVR3409), another client still gets in, and a finished job frees a place.
/// </summary>
public sealed class ClientQueueCapTests
{
    [Fact]
    public async Task Beyond_its_cap_a_client_gets_429_with_retry_after_while_another_client_still_submits()
    {
        var other = new ClientSettings
        {
            ClientId = "other-build",
            ClientSecret = "other-build-secret",
            WebhookSecret = "other-build-webhook",
            Scopes = ["media:read", "media:write", "media:compile", "flow:read"],
        };
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.MaxUnfinishedJobsPerClient = 2;
            s.Clients.Add(other);
        });
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000, 0.5), "menu.wav");
        var request = ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "node-menu"));
        // Jobs that stay RUNNING: the cap is reached however fast the engine is.
        emulator.Faults.Set(new FaultSettings { JobFault = JobFault.NeverFinish });
        await api.SubmitOkAsync(request);
        await api.SubmitOkAsync(request);

        using var refused = await api.SubmitAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("IVR3409", (await ApiSession.ReadErrorAsync(refused)).Code);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        using var second = await new ApiSession(emulator).LogInAsync(other.ClientId, other.ClientSecret);
        await second.UploadOkAsync(TestAudio.Wav(8000, 0.5), "menu.wav");
        await second.SubmitOkAsync(request);
    }

    [Fact]
    public async Task A_finished_job_frees_its_place()
    {
        await using var emulator = await Emulators.StartAsync(s => s.MaxUnfinishedJobsPerClient = 1);
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000, 0.5), "menu.wav");
        var request = ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "node-menu"));

        await api.PollUntilFinalAsync((await api.SubmitOkAsync(request)).Id);

        await api.PollUntilFinalAsync((await api.SubmitOkAsync(request)).Id);
    }
}
