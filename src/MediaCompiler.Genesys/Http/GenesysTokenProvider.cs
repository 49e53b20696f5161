using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Http;

/// <summary>
/// Client-credentials tokens from <c>login.&lt;domain&gt;/oauth/token</c> (HTTP Basic, as the .NET SDK sends them):
/// fetched once, cached, renewed 10% of their lifetime early (at most 60 s). The token endpoint signals its own
/// throttling as 400 <c>invalid_request</c> "rate limit exceeded" (reference §3), which is waited out and retried.
/// The secret travels only in the Basic header; neither it nor a token is ever logged.
/// </summary>
internal sealed class GenesysTokenProvider(GenesysHttp http, GenesysEndpoints endpoints, GenesysSyncOptions options, string regionLabel)
    : ITokenSource, IDisposable
{
    private const int ThrottledAttempts = 6;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task<ApiOutcome<string>> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && options.TimeProvider.GetUtcNow() < _renewAt)
            {
                return ApiOutcome<string>.Ok(_token);
            }

            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            return fetched;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _token = null;

    private async Task<ApiOutcome<string>> FetchAsync(CancellationToken cancellationToken)
    {
        var operation = "POST " + endpoints.TokenUrl.GetLeftPart(UriPartial.Path);
        var started = options.TimeProvider.GetUtcNow();
        var delay = options.BaseRetryDelay > TimeSpan.Zero ? options.BaseRetryDelay : TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            var sent = await http.SendAsync(operation, CreateRequest, token: null, cancellationToken).ConfigureAwait(false);
            if (sent.Failure is { } failure)
            {
                return ApiOutcome<string>.Fail(failure);
            }

            var response = sent.Value!;
            var body = response.IsSuccess || response.Status == 400 ? response.Read<TokenResponseDto>().Value : null;
            if (response.IsSuccess && body?.AccessToken is { Length: > 0 } accessToken)
            {
                var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 0));
                var margin = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 10, TimeSpan.FromSeconds(60).Ticks));
                _token = accessToken;
                _renewAt = options.TimeProvider.GetUtcNow() + lifetime - margin;
                options.Log?.Invoke(new SyncLogMessage(SyncLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture,
                    $"Obtained a Genesys Cloud token for OAuth client '{options.ClientId}' (expires in {lifetime.TotalSeconds:0} s).")));
                return ApiOutcome<string>.Ok(accessToken);
            }

            if (response.IsSuccess)
            {
                return ApiOutcome<string>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysMalformedResponse, null, operation, response.Status, "no access_token"));
            }

            if (IsThrottled(response, body))
            {
                if (attempt >= ThrottledAttempts)
                {
                    var elapsed = (options.TimeProvider.GetUtcNow() - started).TotalSeconds;
                    return ApiOutcome<string>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysTokenThrottled, null,
                        endpoints.TokenUrl.GetLeftPart(UriPartial.Path), attempt, elapsed, options.ClientId));
                }

                options.Log?.Invoke(new SyncLogMessage(delay >= options.NoticeableWait ? SyncLogLevel.Normal : SyncLogLevel.Detailed,
                    string.Create(CultureInfo.InvariantCulture, $"{operation}: the token endpoint is throttling; waiting {delay.TotalSeconds:0} s.")));
                await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 > options.MaxRetryDelay ? options.MaxRetryDelay : delay * 2;
                continue;
            }

            if (response.Status is 400 or 401 or 403)
            {
                var reason = body?.ErrorDescription ?? body?.Error ?? response.Error?.Message ?? "no reason given";
                return ApiOutcome<string>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysAuthenticationFailed, null,
                    options.ClientId, endpoints.TokenUrl.GetLeftPart(UriPartial.Path), response.Status, reason, regionLabel));
            }

            return ApiOutcome<string>.Fail(response.Unexpected());
        }
    }

    /// <summary>Genesys throttles its token endpoint with 400 invalid_request "rate limit exceeded", not 429.</summary>
    private static bool IsThrottled(ApiResponse response, TokenResponseDto? body) =>
        response.Status == 400
        && string.Equals(body?.Error, "invalid_request", StringComparison.Ordinal)
        && (response.Body.Contains("rate limit", StringComparison.OrdinalIgnoreCase));

    private HttpRequestMessage CreateRequest()
    {
        // ISO-8859-1, as the .NET SDK encodes the Basic credentials.
        var credentials = Convert.ToBase64String(Encoding.Latin1.GetBytes(options.ClientId + ":" + options.ClientSecret));
        return new HttpRequestMessage(HttpMethod.Post, endpoints.TokenUrl)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", credentials), Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]),
        };
    }

    public void Dispose() => _gate.Dispose();
}
