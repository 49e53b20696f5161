using System.Net.Http.Headers;
using System.Text;

namespace MediaCompiler.Http;

/// <summary>An access token a token endpoint granted, and for how long.</summary>
public sealed record TokenGrant(string AccessToken, TimeSpan Lifetime);

/// <summary>
/// OAuth 2 client-credentials tokens for every remote: fetched once, cached, fetched again shortly before they expire
/// (10% of their lifetime early, at most 60 s) or when the API rejects one. How a platform's token endpoint is asked
/// and how its refusals read is the caller's <c>fetch</c> (the media API's and Genesys Cloud's differ); caching,
/// renewal and invalidation are here, once. Neither a secret nor a token is ever logged or put in a message.
/// </summary>
public sealed class OAuthTokenProvider(Func<CancellationToken, Task<TokenGrant>> fetch, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _token;
    private DateTimeOffset _refreshAt;

    /// <summary>The cached token, or a new one when there is none or it is about to expire; failures are the fetch's.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not { } token || time.GetUtcNow() >= _refreshAt)
            {
                var grant = await fetch(cancellationToken).ConfigureAwait(false);
                var lifetime = grant.Lifetime < TimeSpan.Zero ? TimeSpan.Zero : grant.Lifetime;
                var margin = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 10, MaxRefreshMargin.Ticks));
                _refreshAt = time.GetUtcNow() + lifetime - margin;
                _token = token = grant.AccessToken;
            }
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> so the next call fetches a new token (unless another caller already did).</summary>
    public void Invalidate(string rejected) => Interlocked.CompareExchange(ref _token, null, rejected);

    public void Dispose() => _gate.Dispose();
}

/// <summary>The client-credentials request every token endpoint takes (RFC 6749 §4.4).</summary>
public static class ClientCredentials
{
    /// <summary>HTTP Basic with the client id and secret as UTF-8, as the official SDKs encode them (RFC 7617).</summary>
    public static AuthenticationHeaderValue BasicHeader(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));

    public static FormUrlEncodedContent Form() => new([new KeyValuePair<string, string>("grant_type", "client_credentials")]);
}
