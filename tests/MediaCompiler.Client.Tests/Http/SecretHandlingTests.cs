using System.Net;
using System.Net.Http.Headers;
using MediaCompiler.Client.Tests.Fakes;

namespace MediaCompiler.Client.Tests.Http;

/// <summary>Whatever goes wrong, the secret, the Basic credentials and the tokens stay out of messages and logs.</summary>
public sealed class SecretHandlingTests
{
    public static TheoryData<string> Failures => ["token-401", "api-401-twice", "api-503", "api-429", "dropped", "timeout", "garbage", "403", "token-500"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task No_secret_or_token_in_exception_or_log(string failure)
    {
        using var fixture = new ClientFixture(maxRetries: 2);
        Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> api = failure switch
        {
            "api-401-twice" => (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)),
            "api-503" => (_, _) => Task.FromResult(ScriptedHandler.Error(HttpStatusCode.ServiceUnavailable, "unavailable", "down")),
            "api-429" => (_, _) =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
                return Task.FromResult(response);
            },
            "dropped" => (_, _) => throw new HttpRequestException("An error occurred while sending the request.", new IOException("reset")),
            "timeout" => (_, ct) => fixture.HangUntilTimeoutAsync(ct),
            "garbage" => (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy login</html>") }),
            "403" => (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden)),
            _ => (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)),
        };
        fixture.Handler.Api = api;
        if (failure == "token-401")
            fixture.Handler.TokenResponder = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
        if (failure == "token-500")
            fixture.Handler.TokenResponder = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var call = fixture.Client.GetAssetAsync("asset-1", CancellationToken.None);
        await fixture.RunToEndAsync(call);
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => call);

        Assert.StartsWith("IVR4", ex.Code);
        fixture.AssertNoSecretIn(ex.ToString());
        fixture.AssertNoSecretLogged();
    }

    [Fact]
    public void Description_is_the_base_address_without_user_info()
    {
        using var client = new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = new Uri("https://user:pa55word@api.mypurecloud.com/"),
            ClientId = "id",
            ClientSecret = "secret",
        });

        Assert.Equal("https://api.mypurecloud.com", client.Description);
    }
}
