using System.Net;
using System.Net.Http.Headers;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Emulator.Tests;

public sealed class AuthorizationTests
{
    private static readonly string AnyHashQuery = "api/v2/media/assets?contentHash=sha256:" + new string('a', 64);

    [Fact]
    public async Task A_call_without_a_bearer_token_is_401_authentication_required()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = new ApiSession(emulator);

        using var response = await api.Http.GetAsync(AnyHashQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication.required", (await ApiSession.ReadErrorAsync(response)).Code);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_token_the_server_never_issued_is_401_invalid_token()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = new ApiSession(emulator);
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "made-up-token");

        using var response = await api.Http.GetAsync(AnyHashQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid.token", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_401_token_expired()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.TokenLifetimeSeconds = 30;
            s.TimeProvider = clock;
        });
        using var api = await new ApiSession(emulator).LogInAsync();
        using (var fresh = await api.Http.GetAsync(AnyHashQuery))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(30));

        using var response = await api.Http.GetAsync(AnyHashQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token.expired", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_client_without_media_write_is_403_on_upload_but_may_read()
    {
        var readOnly = Emulators.ReadOnlyClient();
        await using var emulator = await Emulators.StartAsync(s => s.Clients.Add(readOnly));
        using var api = await new ApiSession(emulator).LogInAsync(readOnly.ClientId, readOnly.ClientSecret);

        using var upload = await api.UploadAsync(TestAudio.Wav(8000));
        using var read = await api.Http.GetAsync(AnyHashQuery);

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        var error = await ApiSession.ReadErrorAsync(upload);
        Assert.Equal("missing.permissions", error.Code);
        Assert.Contains("media:write", error.Message);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Compiling_needs_both_media_compile_and_flow_read()
    {
        var compileOnly = new ClientSettings
        {
            ClientId = "compile-only",
            ClientSecret = "compile-only-secret",
            WebhookSecret = "compile-only-webhook",
            Scopes = ["media:compile"],
        };
        await using var emulator = await Emulators.StartAsync(s => s.Clients.Add(compileOnly));
        using var api = await new ApiSession(emulator).LogInAsync(compileOnly.ClientId, compileOnly.ClientSecret);

        using var response = await api.SubmitAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", ("a", "n")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await ApiSession.ReadErrorAsync(response);
        Assert.Equal("missing.permissions", error.Code);
        Assert.Contains("flow:read", error.Message);
        Assert.DoesNotContain("media:compile", error.Message);
    }
}
