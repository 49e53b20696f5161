using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MediaCompiler.Emulator.Tests.Support;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Tests;

public sealed class OAuthTokenTests
{
    [Fact]
    public async Task Credentials_in_the_form_get_a_bearer_token_with_the_configured_lifetime()
    {
        await using var emulator = await Emulators.StartAsync(s => s.TokenLifetimeSeconds = 1234);
        using var api = new ApiSession(emulator);

        using var response = await api.Http.PostAsync("oauth/token", ApiSession.TokenForm(emulator.ClientId, emulator.ClientSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = ApiSession.ParseJson(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("access_token").GetString()));
        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(1234, json.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task Credentials_as_http_basic_get_a_token_that_opens_the_api()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = new ApiSession(emulator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.ClientId}:{emulator.ClientSecret}")));

        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(MediaApiJson.Options))!;
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using var listing = await api.Http.GetAsync("api/v2/media/assets?contentHash=sha256:" + new string('0', 64));
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
    }

    [Theory]
    [InlineData("ivr-demo-client", "wrong-secret")]
    [InlineData("no-such-client", "demo-client-secret-not-for-production")]
    [InlineData("", "")]
    public async Task Bad_credentials_are_401_bad_credentials(string clientId, string clientSecret)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = new ApiSession(emulator);

        using var response = await api.Http.PostAsync("oauth/token", ApiSession.TokenForm(clientId, clientSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("bad.credentials", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Another_grant_type_is_400_unsupported_grant_type()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = new ApiSession(emulator);

        using var response = await api.Http.PostAsync("oauth/token", ApiSession.TokenForm(emulator.ClientId, emulator.ClientSecret, "password"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ApiSession.ReadErrorAsync(response);
        Assert.Equal("unsupported.grant.type", error.Code);
        Assert.Contains(error.Details, d => d.Field == "grant_type");
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = new ApiSession(emulator);

        using var response = await api.Http.PostAsJsonAsync("oauth/token", new { grant_type = "client_credentials" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad.request", (await ApiSession.ReadErrorAsync(response)).Code);
    }
}
