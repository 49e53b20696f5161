using System.Net;
using System.Net.Http.Headers;
using MediaCompiler.Client.Tests.Fakes;

namespace MediaCompiler.Client.Tests.Http;

public sealed class RetryTests
{
    private static HttpResponseMessage TooManyRequests(Action<HttpResponseHeaders>? headers = null)
    {
        var response = ScriptedHandler.Error(HttpStatusCode.TooManyRequests, "too.many.requests", "Rate limit exceeded");
        headers?.Invoke(response.Headers);
        return response;
    }

    /// <summary>Answers API requests from <paramref name="answers"/> in turn; the last one repeats.</summary>
    private static void Script(ScriptedHandler handler, params Func<HttpResponseMessage>[] answers)
    {
        var next = 0;
        handler.Api = (_, _) => Task.FromResult(answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)]());
    }

    private static HttpResponseMessage AssetOk() => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Asset());

    [Fact]
    public async Task Retry_after_seconds_is_the_delay_before_the_next_attempt()
    {
        using var fixture = new ClientFixture();
        Script(fixture.Handler, () => TooManyRequests(h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))), AssetOk);

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        var delays = await fixture.RunAsync(call);

        Assert.Equal([TimeSpan.FromSeconds(7)], delays);
        Assert.Equal("asset-1", (await call)!.Id);
        Assert.Equal(2, fixture.Handler.ApiRequests.Count());
    }

    [Fact]
    public async Task Retry_after_http_date_is_converted_to_a_delay_on_the_injected_clock()
    {
        using var fixture = new ClientFixture();
        var until = TimerWatchingClock.Start.AddSeconds(12);
        Script(fixture.Handler, () => TooManyRequests(h => h.RetryAfter = new RetryConditionHeaderValue(until)), AssetOk);

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(12)], await fixture.RunAsync(call));
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_waits_only_the_cap()
    {
        using var fixture = new ClientFixture(maxRetryDelay: TimeSpan.FromSeconds(10));
        Script(fixture.Handler, () => TooManyRequests(h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(600))), AssetOk);

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(10)], await fixture.RunAsync(call));
    }

    [Fact]
    public async Task Backoff_grows_between_attempts_and_stays_under_the_cap()
    {
        // A fixed random source makes the jittered backoff repeatable; its growth is Polly's exponential backoff.
        using var fixture = new ClientFixture(maxRetries: 5, maxRetryDelay: TimeSpan.FromSeconds(30), randomizer: () => 0.5);
        Script(fixture.Handler,
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => new HttpResponseMessage(HttpStatusCode.GatewayTimeout),
            () => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            AssetOk);

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        var delays = await fixture.RunAsync(call);

        Assert.Equal(4, delays.Count);
        for (var i = 1; i < delays.Count; i++)
            Assert.True(delays[i] > delays[i - 1], $"delay {i} ({delays[i]}) should exceed delay {i - 1} ({delays[i - 1]})");
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
        Assert.NotNull(await call);
    }

    [Fact]
    public async Task Jittered_backoff_never_exceeds_the_cap()
    {
        using var fixture = new ClientFixture(maxRetries: 6, maxRetryDelay: TimeSpan.FromSeconds(2));
        Script(fixture.Handler, () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        var delays = await fixture.RunToEndAsync(call);

        Assert.Equal(6, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Server_errors_then_success_returns_the_answer()
    {
        using var fixture = new ClientFixture();
        Script(fixture.Handler,
            () => ScriptedHandler.Error(HttpStatusCode.ServiceUnavailable, "service.unavailable", "Try later"),
            () => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            AssetOk);

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        await fixture.RunAsync(call);

        Assert.Equal("asset-1", (await call)!.Id);
        Assert.Equal(3, fixture.Handler.ApiRequests.Count());
        Assert.Equal(2, fixture.LogLines.Count(l => l.Contains("retry", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Persistent_server_error_gives_up_after_max_retries_with_status_message_and_context_id()
    {
        using var fixture = new ClientFixture(maxRetries: 3);
        Script(fixture.Handler, () => ScriptedHandler.Error(HttpStatusCode.ServiceUnavailable, "service.unavailable", "Engine is draining"));

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        await fixture.RunToEndAsync(call);
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => call);

        Assert.Equal("IVR4006", ex.Code);
        Assert.Equal(503, ex.Status);
        Assert.Equal(4, fixture.Handler.ApiRequests.Count());
        Assert.Contains("503", ex.Message);
        Assert.Contains("Engine is draining", ex.Message);
        Assert.Contains("ctx-503", ex.Message);
        Assert.Contains("4 attempt", ex.Message);
    }

    [Fact]
    public async Task Persistent_rate_limit_gives_up_with_the_rate_limit_code()
    {
        using var fixture = new ClientFixture(maxRetries: 2);
        Script(fixture.Handler, () => TooManyRequests(h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1))));

        var call = fixture.Client.FindAssetsByContentHashAsync("sha256:00ff", CancellationToken.None);
        await fixture.RunToEndAsync(call);
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => call);

        Assert.Equal("IVR4005", ex.Code);
        Assert.Equal(429, ex.Status);
        Assert.Equal(3, fixture.Handler.ApiRequests.Count());
    }

    [Fact]
    public async Task Dropped_connection_then_success_returns_the_answer()
    {
        using var fixture = new ClientFixture();
        var calls = 0;
        fixture.Handler.Api = (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException("The response ended prematurely.", new IOException("connection reset"))
            : Task.FromResult(AssetOk());

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        await fixture.RunAsync(call);

        // The second attempt's answer, whole: the asset the server sent, not a default or a partial read.
        Assert.Equal(ScriptedHandler.Asset(), await call);
        Assert.Equal(2, calls);
        Assert.Equal(2, fixture.Handler.ApiRequests.Count());
        Assert.Contains(fixture.LogLines, l => l.Contains("retry", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Attempt_that_times_out_is_retried()
    {
        using var fixture = new ClientFixture();
        var calls = 0;
        fixture.Handler.Api = (_, ct) => Interlocked.Increment(ref calls) == 1
            ? fixture.HangUntilTimeoutAsync(ct)
            : Task.FromResult(AssetOk());

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        await fixture.RunAsync(call);

        Assert.Equal(ScriptedHandler.Asset(), await call);
        Assert.Equal(2, calls);
        Assert.Contains(fixture.LogLines, l => l.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attempts_that_always_time_out_give_up_with_the_timeout_code()
    {
        using var fixture = new ClientFixture(maxRetries: 2);
        fixture.Handler.Api = (_, ct) => fixture.HangUntilTimeoutAsync(ct);

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        await fixture.RunToEndAsync(call);
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => call);

        Assert.Equal("IVR4004", ex.Code);
        Assert.Contains("3 attempt", ex.Message);
        Assert.Equal(3, fixture.Handler.ApiRequests.Count());
    }

    [Fact]
    public async Task Cancelling_during_a_retry_after_wait_stops_at_once()
    {
        using var fixture = new ClientFixture();
        Script(fixture.Handler, () => TooManyRequests(h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(25))));
        using var cts = new CancellationTokenSource();

        var call = fixture.Client.GetAssetAsync("asset-1", cts.Token);
        var wait = await fixture.Clock.NextTimerAsync(ClientFixture.IsRetryDelay);
        cts.Cancel();

        // The clock never moves: only the cancellation can end the 25 s wait.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(25), wait);
        Assert.Single(fixture.Handler.ApiRequests);
    }

    [Fact]
    public async Task Cancelling_during_a_request_stops_without_a_retry()
    {
        using var fixture = new ClientFixture();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Handler.Api = async (_, ct) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return AssetOk();
        };
        using var cts = new CancellationTokenSource();

        var call = fixture.Client.GetAssetAsync("asset-1", cts.Token);
        await entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(fixture.Handler.ApiRequests);
    }

    [Fact]
    public async Task Upload_rebuilds_the_multipart_body_for_every_attempt()
    {
        using var fixture = new ClientFixture();
        using var file = new TempFile("prompt.wav", [1, 2, 3, 4, 5, 250]);
        Script(fixture.Handler,
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => ScriptedHandler.Json(HttpStatusCode.Created, ScriptedHandler.Asset("asset-9", "sha256:abcd")));

        var call = fixture.Client.UploadAssetAsync(file.Path, "sha256:abcd", CancellationToken.None);
        await fixture.RunAsync(call);

        Assert.Equal("asset-9", (await call).Id);
        var uploads = fixture.Handler.ApiRequests.ToArray();
        Assert.Equal(2, uploads.Length);
        foreach (var upload in uploads)
        {
            Assert.Equal(HttpMethod.Post, upload.Method);
            Assert.Equal("/api/v2/media/assets", upload.Uri.AbsolutePath);
            Assert.Equal("multipart/form-data", upload.ContentType?.MediaType);
            var form = await MultipartForm.ParseAsync(upload);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 250 }, form.File("file").Content);
            Assert.Equal("prompt.wav", form.File("file").FileName);
            Assert.Equal("sha256:abcd", form.Field("contentHash"));
        }
    }
}
