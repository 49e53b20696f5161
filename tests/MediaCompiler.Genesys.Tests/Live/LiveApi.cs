using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.Live;

/// <summary>One answer of the org: status and JSON body (default when empty or not JSON).</summary>
internal sealed record LiveAnswer(int Status, JsonElement Body)
{
    public bool Ok => Status is >= 200 and < 300;

    public IEnumerable<JsonElement> Entities =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("entities", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [];

    public string? Text(string property) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool Has(string property) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;
}

/// <summary>
/// Raw Platform API calls for what our client has no call for (the probes of the live check): a client-credentials
/// token from the org's login host (Basic credentials in UTF-8, as the SDKs send them), then Bearer JSON calls.
/// </summary>
internal sealed class LiveApi(GenesysEndpoints endpoints, HttpMessageHandler? handler = null) : IDisposable
{
    private readonly HttpClient _http = handler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(60) } : new HttpClient(handler, disposeHandler: false);
    private string? _token;

    public GenesysEndpoints Endpoints => endpoints;

    public bool LoggedIn => _token is not null;

    /// <summary>Gets a token; returns the seconds it lives (expires_in) or throws naming the status and body.</summary>
    public async Task<long> LoginAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.TokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {endpoints.TokenUrl} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        _token = json.RootElement.GetProperty("access_token").GetString();
        return json.RootElement.TryGetProperty("expires_in", out var expires) ? expires.GetInt64() : 0;
    }

    /// <summary>A call relative to the API base (e.g. <c>api/v2/architect/prompts?name=x</c>).</summary>
    public Task<LiveAnswer> SendAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(method, new Uri(endpoints.ApiBase, relative)) { Content = body is null ? null : JsonContent.Create(body) }, bearer: true, cancellationToken);

    public Task<LiveAnswer> GetAsync(string relative, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, relative, null, cancellationToken);

    /// <summary>Sends a prepared request (e.g. a pre-signed upload, which carries its own authorisation: no Bearer).</summary>
    public async Task<LiveAnswer> SendAsync(HttpRequestMessage request, bool bearer, CancellationToken cancellationToken)
    {
        using (request)
        {
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token ?? throw new InvalidOperationException("LoginAsync first."));
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement json = default;
            if (text.Length > 0 && text.TrimStart().StartsWith('{'))
            {
                try
                {
                    json = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON after all (an S3 XML error, an HTML gateway page): the status is what the check reports.
                    json = default;
                }
            }

            return new LiveAnswer((int)response.StatusCode, json);
        }
    }

    public void Dispose() => _http.Dispose();
}
