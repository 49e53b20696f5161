using System.Globalization;
using System.Net.Http.Headers;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;
using MediaCompiler.Http;

namespace MediaCompiler.Genesys.Http;

/// <summary>
/// The bearer tokens of a sync: the shared <see cref="OAuthTokenProvider"/> (cached, renewed 10% of their lifetime
/// early) over Genesys Cloud's token endpoint (<see cref="GenesysTokenEndpoint"/>), with its refusals as coded
/// outcomes rather than exceptions, as every Architect call answers.
/// </summary>
internal sealed class GenesysTokens : ITokenSource, IDisposable
{
    private readonly OAuthTokenProvider _provider;
    private volatile string? _last;

    public GenesysTokens(GenesysTokenEndpoint endpoint, TimeProvider time) =>
        _provider = new OAuthTokenProvider(async cancellationToken =>
        {
            var outcome = await endpoint.FetchAsync(cancellationToken).ConfigureAwait(false);
            return outcome.Value ?? throw new TokenRefusedException(outcome.Failure!);
        }, time);

    public async Task<ApiOutcome<string>> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var token = await _provider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            _last = token;
            return ApiOutcome<string>.Ok(token);
        }
        catch (TokenRefusedException refused)
        {
            return ApiOutcome<string>.Fail(refused.Diagnostic);
        }
    }

    public void Invalidate()
    {
        if (_last is { } rejected)
        {
            _provider.Invalidate(rejected);
        }
    }

    public void Dispose() => _provider.Dispose();

    /// <summary>Carries a coded refusal through the shared provider, which knows only tokens and exceptions.</summary>
    private sealed class TokenRefusedException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}

/// <summary>
/// How Genesys Cloud's token endpoint, <c>login.&lt;domain&gt;/oauth/token</c>, is asked for a client-credentials token
/// (HTTP Basic, UTF-8, as the official SDKs send it) and how its answers read. It signals its own throttling as 400
/// <c>invalid_request</c> "rate limit exceeded", which is waited out and retried. The secret travels only in the Basic
/// header; neither it nor a token is ever logged.
/// </summary>
internal sealed class GenesysTokenEndpoint(GenesysHttp http, GenesysEndpoints endpoints, GenesysSyncOptions options, string regionLabel)
{
    private const int ThrottledAttempts = 6;

    public async Task<ApiOutcome<TokenGrant>> FetchAsync(CancellationToken cancellationToken)
    {
        var operation = "POST " + endpoints.TokenUrl.GetLeftPart(UriPartial.Path);
        var started = options.TimeProvider.GetUtcNow();
        var delay = options.BaseRetryDelay > TimeSpan.Zero ? options.BaseRetryDelay : TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            var sent = await http.SendAsync(operation, CreateRequest, token: null, cancellationToken).ConfigureAwait(false);
            if (sent.Failure is { } failure)
            {
                return ApiOutcome<TokenGrant>.Fail(failure);
            }

            var response = sent.Value!;
            var body = response.IsSuccess || response.Status == 400 ? response.Read<TokenResponseDto>().Value : null;
            if (response.IsSuccess && body?.AccessToken is { Length: > 0 } accessToken)
            {
                var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 0));
                options.Log?.Invoke(new SyncLogMessage(SyncLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture,
                    $"Obtained a Genesys Cloud token for OAuth client '{options.ClientId}' (expires in {lifetime.TotalSeconds:0} s).")));
                return ApiOutcome<TokenGrant>.Ok(new TokenGrant(accessToken, lifetime));
            }

            if (response.IsSuccess)
            {
                return ApiOutcome<TokenGrant>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysMalformedResponse, null, operation, response.Status, "no access_token"));
            }

            if (IsThrottled(response, body))
            {
                if (attempt >= ThrottledAttempts)
                {
                    var elapsed = (options.TimeProvider.GetUtcNow() - started).TotalSeconds;
                    return ApiOutcome<TokenGrant>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysTokenThrottled, null,
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
                return ApiOutcome<TokenGrant>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysAuthenticationFailed, null,
                    options.ClientId, endpoints.TokenUrl.GetLeftPart(UriPartial.Path), response.Status, reason, regionLabel));
            }

            return ApiOutcome<TokenGrant>.Fail(response.Unexpected());
        }
    }

    /// <summary>Genesys throttles its token endpoint with 400 invalid_request "rate limit exceeded", not 429.</summary>
    private static bool IsThrottled(ApiResponse response, TokenResponseDto? body) =>
        response.Status == 400
        && string.Equals(body?.Error, "invalid_request", StringComparison.Ordinal)
        && (response.Body.Contains("rate limit", StringComparison.OrdinalIgnoreCase));

    private HttpRequestMessage CreateRequest() => new(HttpMethod.Post, endpoints.TokenUrl)
    {
        Headers =
        {
            Authorization = ClientCredentials.BasicHeader(options.ClientId, options.ClientSecret),
            Accept = { new MediaTypeWithQualityHeaderValue("application/json") },
        },
        Content = ClientCredentials.Form(),
    };
}
