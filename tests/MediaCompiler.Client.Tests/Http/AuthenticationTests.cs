using System.Net;
using System.Text;
using MediaCompiler.Client.Tests.Fakes;

namespace MediaCompiler.Client.Tests.Http;

public sealed class AuthenticationTests
{
    private static HttpResponseMessage AssetOk() => ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.Asset());

    [Fact]
    public async Task Token_is_requested_with_basic_credentials_and_the_client_credentials_grant_then_cached()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(AssetOk());

        for (var i = 0; i < 3; i++)
            await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);

        var tokenRequest = Assert.Single(fixture.Handler.TokenRequests);
        Assert.Equal(HttpMethod.Post, tokenRequest.Method);
        Assert.Equal("http://127.0.0.1:5080/oauth/token", tokenRequest.Uri.ToString());
        Assert.Equal("Basic", tokenRequest.Authorization?.Scheme);
        Assert.Equal(ScriptedHandler.ClientId + ":" + ScriptedHandler.ClientSecret,
            Encoding.UTF8.GetString(Convert.FromBase64String(tokenRequest.Authorization!.Parameter!)));
        Assert.Equal("application/x-www-form-urlencoded", tokenRequest.ContentType?.MediaType);
        Assert.Equal("grant_type=client_credentials", tokenRequest.BodyText);
        Assert.All(fixture.Handler.ApiRequests, r => Assert.Equal(fixture.Handler.IssuedTokens[0], r.BearerToken));
    }

    [Fact]
    public async Task Concurrent_calls_share_one_token_request()
    {
        using var fixture = new ClientFixture();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Handler.TokenResponder = async request =>
        {
            tokenRequested.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromMinutes(1)); // every call is waiting for a token now
            return ScriptedHandler.Json(HttpStatusCode.OK, new Contract.TokenResponse("tok-shared-1", "bearer", 3600));
        };
        fixture.Handler.Api = (_, _) => Task.FromResult(AssetOk());

        var calls = Enumerable.Range(0, 8).Select(_ => fixture.Client.GetAssetAsync("asset-1", CancellationToken.None)).ToArray();
        await tokenRequested.Task.WaitAsync(TimeSpan.FromMinutes(1));
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Single(fixture.Handler.TokenRequests);
        Assert.Equal(8, fixture.Handler.ApiRequests.Count());
        Assert.All(fixture.Handler.ApiRequests, r => Assert.Equal("tok-shared-1", r.BearerToken));
    }

    [Fact]
    public async Task Token_is_refreshed_shortly_before_it_expires()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.TokenLifetimeSeconds = 3600;
        fixture.Handler.Api = (_, _) => Task.FromResult(AssetOk());

        await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromSeconds(3500)); // 100 s left: still used
        await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        Assert.Single(fixture.Handler.TokenRequests);

        fixture.Clock.Advance(TimeSpan.FromSeconds(45)); // 55 s left: inside the 60 s margin, refreshed
        await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);

        Assert.Equal(2, fixture.Handler.TokenRequests.Count());
        Assert.Equal(fixture.Handler.IssuedTokens[1], fixture.Handler.ApiRequests.Last().BearerToken);
    }

    [Fact]
    public async Task Short_lived_token_is_refreshed_ten_percent_early()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.TokenLifetimeSeconds = 100;
        fixture.Handler.Api = (_, _) => Task.FromResult(AssetOk());

        await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromSeconds(89));
        await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        Assert.Single(fixture.Handler.TokenRequests);

        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        Assert.Equal(2, fixture.Handler.TokenRequests.Count());
    }

    [Fact]
    public async Task A_401_from_the_api_gets_one_fresh_token_and_the_call_succeeds()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (request, _) => Task.FromResult(request.BearerToken == fixture.Handler.IssuedTokens[0]
            ? new HttpResponseMessage(HttpStatusCode.Unauthorized)
            : AssetOk());

        var asset = await fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);

        Assert.NotNull(asset);
        Assert.Equal(2, fixture.Handler.TokenRequests.Count());
        Assert.Equal([fixture.Handler.IssuedTokens[0], fixture.Handler.IssuedTokens[1]],
            fixture.Handler.ApiRequests.Select(r => r.BearerToken));
        fixture.AssertNoSecretLogged();
    }

    [Fact]
    public async Task A_second_401_is_an_authentication_error()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.GetAssetAsync("asset-1", CancellationToken.None));

        Assert.Equal("IVR4014", ex.Code);
        Assert.Equal(401, ex.Status);
        Assert.Equal(2, fixture.Handler.ApiRequests.Count());
        Assert.Equal(2, fixture.Handler.TokenRequests.Count());
        Assert.Contains("GENESYS_CLIENT_ID", ex.Message);
        fixture.AssertNoSecretIn(ex.Message);
    }

    [Fact]
    public async Task Rejected_credentials_name_the_client_id_and_token_url_but_never_the_secret()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.TokenResponder = _ => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.Unauthorized, new { error = "invalid_client" }));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.GetAssetAsync("asset-1", CancellationToken.None));

        Assert.Equal("IVR4001", ex.Code);
        Assert.Equal(401, ex.Status);
        Assert.Contains(ScriptedHandler.ClientId, ex.Message);
        Assert.Contains("http://127.0.0.1:5080/oauth/token", ex.Message);
        Assert.Contains("GENESYS_CLIENT_ID", ex.Message);
        Assert.Contains("GENESYS_CLIENT_SECRET", ex.Message);
        Assert.Empty(fixture.Handler.ApiRequests);
        fixture.AssertNoSecretIn(ex.ToString());
    }

    [Fact]
    public async Task Forbidden_is_reported_as_a_missing_permission()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Error(HttpStatusCode.Forbidden, "missing.scope", "Missing scope media:write"));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.FindAssetsByContentHashAsync("sha256:00", CancellationToken.None));

        Assert.Equal("IVR4002", ex.Code);
        Assert.Equal(403, ex.Status);
        Assert.Contains("Missing scope media:write", ex.Message);
    }

    [Theory]
    [InlineData("https://api.mypurecloud.com", "https://login.mypurecloud.com/oauth/token")]
    [InlineData("https://api.mypurecloud.de/", "https://login.mypurecloud.de/oauth/token")]
    [InlineData("https://API.usw2.pure.cloud:8443/", "https://login.usw2.pure.cloud:8443/oauth/token")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/oauth/token")]
    [InlineData("http://localhost:5080/", "http://localhost:5080/oauth/token")]
    [InlineData("https://media.example.com/engine", "https://media.example.com/engine/oauth/token")]
    [InlineData("https://rapi.example.com", "https://rapi.example.com/oauth/token")]
    public void Token_url_follows_the_base_address(string baseAddress, string expected)
    {
        Assert.Equal(expected, TokenEndpoint.For(new Uri(baseAddress)).ToString());
    }
}
