using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MediaCompiler.Contract;

namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>
/// A media API that answers from a script: the token endpoint issues numbered tokens (or whatever
/// <see cref="TokenResponder"/> says) and API requests are answered by <see cref="Api"/>. Every request is recorded
/// with its body read at send time (the content is disposed afterwards).
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    public const string ClientId = "build-agent-7";
    public const string ClientSecret = "Sup3r-S3cret-Value-9f81";

    private int _tokensIssued;

    public List<RecordedRequest> Requests { get; } = [];

    public IEnumerable<RecordedRequest> ApiRequests => Requests.Where(r => !r.IsTokenRequest);

    public IEnumerable<RecordedRequest> TokenRequests => Requests.Where(r => r.IsTokenRequest);

    /// <summary>Every token issued so far (tests check none of them leaks).</summary>
    public List<string> IssuedTokens { get; } = [];

    /// <summary>Answers API requests; the default answers 404.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Api { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

    /// <summary>Answers token requests; the default checks the Basic credentials and issues a new token valid for an hour.</summary>
    public Func<RecordedRequest, Task<HttpResponseMessage>>? TokenResponder { get; set; }

    public int TokenLifetimeSeconds { get; set; } = 3600;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization, body,
            request.Content?.Headers.ContentType, request.Headers.TryGetValues(PreferWait.HeaderName, out var prefer) ? string.Join(", ", prefer) : null);
        lock (Requests)
            Requests.Add(recorded);

        var response = recorded.IsTokenRequest
            ? await (TokenResponder ?? IssueToken)(recorded)
            : await Api(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    private Task<HttpResponseMessage> IssueToken(RecordedRequest request)
    {
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret));
        if (request.Authorization is not { Scheme: "Basic" } auth || auth.Parameter != expected
            || request.BodyText != "grant_type=client_credentials")
            return Task.FromResult(Json(HttpStatusCode.Unauthorized, new { error = "invalid_client" }));
        var token = $"tok-{Interlocked.Increment(ref _tokensIssued)}-Zq8Xw2";
        lock (IssuedTokens)
            IssuedTokens.Add(token);
        return Task.FromResult(Json(HttpStatusCode.OK, new TokenResponse(token, "bearer", TokenLifetimeSeconds)));
    }

    public static HttpResponseMessage Json(HttpStatusCode status, object body) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(body, MediaApiJson.Options), Encoding.UTF8, "application/json"),
    };

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message, params ApiErrorDetail[] details) =>
        Json(status, new ApiError(message, code, (int)status, "ctx-" + (int)status, details));

    public static MediaAssetDto Asset(string id = "asset-1", string hash = "sha256:00ff") =>
        new(id, "welcome.wav", "wav", 1234, 8000, 1, hash, "/api/v2/media/assets/" + id, TimerWatchingClock.Start);
}

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, byte[] Body, MediaTypeHeaderValue? ContentType, string? Prefer)
{
    public bool IsTokenRequest => Uri.AbsolutePath.EndsWith("/oauth/token", StringComparison.Ordinal);

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? BearerToken => Authorization is { Scheme: "Bearer" } auth ? auth.Parameter : null;
}
