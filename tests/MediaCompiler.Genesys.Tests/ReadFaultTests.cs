using System.Net;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// Answers the platform documents for its reads and writes that a client must not take at face value: 409 to a read
/// (transient), 206 (partial), the read-after-write 404 of <c>POST …/resources</c> right after the prompt's create, and
/// an answer larger than any the API gives (a wrong base URL, a broken proxy), refused at the bound.
/// </summary>
public sealed class ReadFaultTests
{
    [Fact]
    public async Task A_409_to_a_read_is_retried_with_backoff_honouring_Retry_After()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ConflictOnNextReads = 2 });

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options());

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        var retries = org.Log.Where(line => line.Text.Contains("HTTP 409; retry", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        // The emulator's Retry-After is 1 s; the tests' backoff alone would wait 0.1-0.2 s.
        Assert.All(retries, line => Assert.Contains("in 1 s", line.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_206_listing_is_read_again_never_taken_as_the_whole_org()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = new[] { org.Prompt("Welcome", "en-us", 440), org.Prompt("Goodbye", "en-us", 450) };
        Assert.True((await GenesysPromptSync.RunAsync(prompts, org.Options())).Succeeded);
        await org.ConfigureAsync(new { PartialContentOnNextReads = 1 });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.CreatePrompt));
        Assert.Equal(2, requests[PromptSyncEmulatorTests.List]);
    }

    [Fact]
    public async Task A_206_answered_twice_is_IVR6033_and_nothing_is_written()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { PartialContentOnNextReads = 2 });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options()));

        Assert.False(result.Succeeded);
        Assert.Equal("IVR6033", Assert.Single(result.AllDiagnostics).Code);
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.CreatePrompt));
    }

    [Fact]
    public async Task A_404_to_creating_a_resource_right_after_its_prompt_is_retried()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ResourceCreateNotFoundMilliseconds = 400 });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.True(requests[PromptSyncEmulatorTests.CreateResource] >= 2);
    }

    [Fact]
    public async Task A_listing_that_never_ends_is_IVR6011_at_the_bound_and_not_asked_again()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var listings = 0;
        var options = org.Options(inFront: toEmulator => new Answering(toEmulator, request =>
            request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == "/api/v2/architect/prompts" && Interlocked.Increment(ref listings) > 0
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) }
                : null));

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], options);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.AllDiagnostics);
        Assert.Equal("IVR6011", error.Code);
        Assert.Contains("GET /api/v2/architect/prompts", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 33554432 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, listings);
    }

    /// <summary>Answers a request itself when <c>answer</c> gives a response; passes the rest on.</summary>
    private sealed class Answering(HttpMessageHandler inner, Func<HttpRequestMessage, HttpResponseMessage?> answer) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (answer(request) is { } response)
            {
                response.RequestMessage = request;
                return Task.FromResult(response);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
