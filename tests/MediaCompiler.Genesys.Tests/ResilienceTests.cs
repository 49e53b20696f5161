using System.Net;
using System.Text;

namespace MediaCompiler.Genesys.Tests;

/// <summary>Answers the emulator cannot give on demand (token throttling, a failing upload), injected in front of it.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Token_endpoint_throttling_is_waited_out()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var handler = new ScriptedHandler(org, request => request.RequestUri!.AbsolutePath == "/oauth/token", times: 2, ThrottledToken);

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], With(org, handler));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(2, handler.Answered);
    }

    [Fact]
    public async Task Persistent_token_throttling_is_IVR6005()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var handler = new ScriptedHandler(org, request => request.RequestUri!.AbsolutePath == "/oauth/token", times: int.MaxValue, ThrottledToken);

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], With(org, handler));

        Assert.Equal("IVR6005", Assert.Single(result.AllDiagnostics).Code);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_failed_upload_attempt_is_retried_by_us()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var handler = new ScriptedHandler(org, IsUpload, times: 2,
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], With(org, handler)));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(1, requests[PromptSyncEmulatorTests.Upload]);
        Assert.Equal(2, handler.Answered);
    }

    [Fact]
    public async Task An_upload_refused_for_good_is_IVR6013_with_the_platforms_status_and_message()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompt = org.Prompt("Welcome", "en-us", 440);
        var handler = new ScriptedHandler(org, IsUpload, times: int.MaxValue,
            () => new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("""{"message":"Missing permission architect:userPrompt:edit","code":"missing.permissions","status":403}""", Encoding.UTF8, "application/json"),
            });

        var result = await GenesysPromptSync.RunAsync([prompt], With(org, handler));

        var diagnostic = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6013", prompt.AudioPath), (diagnostic.Code, diagnostic.File));
        Assert.Contains("HTTP 403", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("architect:userPrompt:edit", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_ends_the_sync_with_IVR6025_and_unfinished_resources()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        using var cancel = new CancellationTokenSource();
        var handler = new ScriptedHandler(org, IsUpload, times: 1, () =>
        {
            cancel.Cancel();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440), org.Prompt("Goodbye", "en-us", 450)], With(org, handler), cancel.Token)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("IVR6025", Assert.Single(result.AllDiagnostics).Code);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Resources, r => r.State == ResourceState.NotDone);
    }

    [Fact]
    public async Task An_attempt_that_outlasts_the_request_timeout_is_retried()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var handler = new ScriptedHandler(org, IsList, times: 1, cancellationToken => Hang(org.Clock, cancellationToken));

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], With(org, handler, TimeSpan.FromMilliseconds(500)));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(1, handler.Answered);
    }

    [Fact]
    public async Task A_request_that_always_outlasts_the_timeout_is_IVR6009_after_the_retries()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var handler = new ScriptedHandler(org, IsList, times: int.MaxValue, cancellationToken => Hang(org.Clock, cancellationToken));

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], With(org, handler, TimeSpan.FromMilliseconds(300)));

        Assert.Equal("IVR6009", Assert.Single(result.AllDiagnostics).Code);
        Assert.Equal(4, handler.Answered);
    }

    [Fact]
    public async Task A_token_that_expires_mid_sync_is_replaced()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { TranscodeDelayMilliseconds = 1500 });
        org.Emulator.Faults.Set(new Emulator.Configuration.FaultSettings { TokenLifetimeSeconds = 1 });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.True(requests[PromptSyncEmulatorTests.Token] >= 2);
    }

    [Fact]
    public async Task Random_server_errors_and_dropped_connections_still_end_in_a_correct_sync()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        org.Emulator.Faults.Set(new Emulator.Configuration.FaultSettings { ServiceUnavailableRate = 0.2, DropConnectionRate = 0.05, Seed = 7 });
        var prompts = new[] { org.Prompt("Welcome", "en-us", 440), org.Prompt("Welcome", "de-de", 450), org.Prompt("Goodbye", "en-us", 460) };

        var result = await GenesysPromptSync.RunAsync(prompts, org.Options());

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Created, r.State));
        Assert.Contains(org.Log, line => line.Text.Contains("HTTP 503; retry", StringComparison.Ordinal));
        org.Emulator.Faults.RestoreConfigured();
        var again = await GenesysPromptSync.RunAsync(prompts, org.Options());
        Assert.All(again.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
    }

    /// <summary>The PUT of the audio to the pre-signed URL of the uploads route.</summary>
    private static bool IsUpload(HttpRequestMessage request) =>
        request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.StartsWith("/emulator-uploads/", StringComparison.Ordinal);

    private static bool IsList(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/api/v2/architect/prompts";

    /// <summary>An answer that comes only after 10 s (bounded, so a broken timeout cannot hang the run).</summary>
    private static async Task<HttpResponseMessage> Hang(EmulatorClock clock, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(10), clock, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
    }

    private static HttpResponseMessage ThrottledToken() => new(HttpStatusCode.BadRequest)
    {
        Content = new StringContent("""{"error":"invalid_request","description":"rate limit exceeded; retry later"}""", Encoding.UTF8, "application/json"),
    };

    private static GenesysSyncOptions With(ArchitectEmulator org, HttpMessageHandler handler, TimeSpan? requestTimeout = null)
    {
        var options = org.Options();
        return new GenesysSyncOptions
        {
            BaseUrl = options.BaseUrl, ClientId = options.ClientId, ClientSecret = options.ClientSecret, Handler = handler, TimeProvider = org.Clock,
            BaseRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30), MaxRetries = 3,
            FirstPollDelay = options.FirstPollDelay, MaxPollDelay = options.MaxPollDelay,
        };
    }

    /// <summary>Answers the first <c>times</c> matching requests itself; everything else goes to the emulator.</summary>
    private sealed class ScriptedHandler(ArchitectEmulator org, Func<HttpRequestMessage, bool> matches, int times, Func<CancellationToken, Task<HttpResponseMessage>> answer)
        : DelegatingHandler(org.Handler())
    {
        public ScriptedHandler(ArchitectEmulator org, Func<HttpRequestMessage, bool> matches, int times, Func<HttpResponseMessage> answer)
            : this(org, matches, times, _ => Task.FromResult(answer()))
        {
        }

        public int Answered { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Answered < times && matches(request))
            {
                Answered++;
                return answer(cancellationToken);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
