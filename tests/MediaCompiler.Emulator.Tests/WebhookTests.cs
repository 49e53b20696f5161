using MediaCompiler.Emulator.Configuration;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MediaCompiler.Emulator.Tests.Support;
using MediaCompiler.Emulator.Webhooks;
using MediaCompiler.Engine;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task A_finished_job_posts_a_signed_payload_and_retries_until_the_receiver_accepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.Webhooks.BaseDelayMilliseconds = 10;
            s.Webhooks.MaxAttempts = 5;
        });
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        var request = ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")) with { WebhookUrl = receiver.Url.ToString() };

        var accepted = await api.SubmitOkAsync(request);
        var attempts = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };

        Assert.Equal([500, 500, 200], attempts.Select(a => a.AnsweredStatus));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        var delivered = attempts[2];
        Assert.Equal("application/json", delivered.ContentType?.Split(';')[0]);
        Assert.True(WebhookSignature.Verify(emulator.WebhookSecret, delivered.Body, delivered.Signature));
        Assert.False(WebhookSignature.Verify("some-other-secret", delivered.Body, delivered.Signature));
        Assert.StartsWith("sha256=", delivered.Signature);

        var payload = JsonSerializer.Deserialize<WebhookPayload>(delivered.Body, MediaApiJson.Options)!;
        Assert.Equal(accepted.Id, payload.CompilationId);
        Assert.Equal("build-42", payload.CorrelationId);
        Assert.Equal(CompileJobStates.Completed, payload.Status);
        Assert.Equal(asset.Id, Assert.Single(payload.Results).AssetId);
        var json = JsonDocument.Parse(delivered.Body).RootElement;
        foreach (var name in new[] { "compilationId", "correlationId", "status", "results", "message", "timestamp" })
        {
            Assert.True(json.TryGetProperty(name, out _), $"payload lacks {name}");
        }
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_gets_the_configured_number_of_attempts_on_the_emulator_clock_and_no_more()
    {
        // The retry waits run on the emulator's clock: a fake one, moved by the test, so no real time passes.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.TimeProvider = clock;
            s.Webhooks.BaseDelayMilliseconds = 60_000;
            s.Webhooks.MaxAttempts = 3;
        });
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));

        await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")) with { WebhookUrl = receiver.Url.ToString() });
        await receiver.NextAsync();
        var second = receiver.NextAsync();
        Assert.False(second.IsCompleted); // the first retry waits a minute of the fake clock, which has not moved
        await AdvanceUntilAsync(clock, second);
        await AdvanceUntilAsync(clock, receiver.NextAsync());

        // The dispatcher gave up after the third attempt: its delivery has ended, with nothing left scheduled.
        await emulator.WhenWebhooksIdleAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, receiver.All.Count);
    }

    /// <summary>Moves the fake clock a minute at a time until <paramref name="next"/> completes (bounded by real time).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task next)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!next.IsCompleted && !guard.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            // A real-time pause between moves lets the dispatcher register its next timer; not an assertion.
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }
        await next.WaitAsync(guard.Token);
    }

    [Fact]
    public async Task The_signature_uses_the_secret_of_the_client_that_submitted_the_job()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var second = Emulators.ReadOnlyClient();
        second.ClientId = "second-client";
        second.Scopes = ["media:read", "media:write", "media:compile", "flow:read"];
        await using var emulator = await Emulators.StartAsync(s => s.Clients.Add(second));
        using var api = await new ApiSession(emulator).LogInAsync(second.ClientId, second.ClientSecret);
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));

        await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "alaw", (asset.Id, "n1")) with { WebhookUrl = receiver.Url.ToString() });
        var webhook = await receiver.NextAsync();

        Assert.True(WebhookSignature.Verify(second.WebhookSecret, webhook.Body, webhook.Signature));
        Assert.False(WebhookSignature.Verify(emulator.WebhookSecret, webhook.Body, webhook.Signature));
    }

    [Fact]
    public async Task A_failed_job_is_reported_failed_by_its_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await Emulators.StartAsync(s => s.Faults.JobFault = JobFault.Fail);
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));

        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")) with { WebhookUrl = receiver.Url.ToString() });
        var webhook = await receiver.NextAsync();

        var payload = JsonSerializer.Deserialize<WebhookPayload>(webhook.Body, MediaApiJson.Options)!;
        Assert.Equal(accepted.Id, payload.CompilationId);
        Assert.Equal(CompileJobStates.Failed, payload.Status);
        Assert.False(string.IsNullOrWhiteSpace(payload.Message));
    }
}
