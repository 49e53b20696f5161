using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>
/// OAuth 2 client-credentials tokens for the media API: fetched once, cached, and fetched again shortly before they
/// expire (10% of their lifetime early, at most 60 s) or when the API rejects one. The secret travels only in the
/// Basic header of the token request; neither it nor any token is ever logged or put in a message.
/// </summary>
internal sealed class OAuthTokenProvider : IDisposable
{
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(60);

    private readonly ResilientSender _sender;
    private readonly HttpMediaEngineClientOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _token;
    private DateTimeOffset _refreshAt;

    public OAuthTokenProvider(ResilientSender sender, HttpMediaEngineClientOptions options)
    {
        _sender = sender;
        _options = options;
        TokenUrl = TokenEndpoint.For(options.BaseAddress);
    }

    public Uri TokenUrl { get; }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is null || _options.TimeProvider.GetUtcNow() >= _refreshAt)
                await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> so the next call fetches a new token (unless another caller already did).</summary>
    public void Invalidate(string rejected) => Interlocked.CompareExchange(ref _token, null, rejected);

    private async Task RequestTokenAsync(CancellationToken cancellationToken)
    {
        var operation = "POST " + ApiUrls.Display(TokenUrl);
        using var response = await _sender.SendAsync(CreateRequest, operation, TokenUrl, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                break;
            // RFC 6749 answers a bad client with 401 invalid_client, though many servers send 400.
            case HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized:
                throw RemoteFailures.Create(DiagnosticCatalog.RemoteAuthenticationFailed, status,
                    await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false), null,
                    _options.ClientId, ApiUrls.Display(TokenUrl), status);
            case HttpStatusCode.Forbidden:
                throw RemoteFailures.Create(DiagnosticCatalog.RemoteForbidden, status, null, null,
                    operation, $"the OAuth client '{_options.ClientId}' may not use the client-credentials grant");
            default:
                var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
                throw RemoteFailures.Create(DiagnosticCatalog.RemoteUnexpectedStatus, status, error, null,
                    operation, status, ApiErrorReader.Describe(error, response));
        }

        TokenResponse? token;
        try
        {
            token = await response.Content.ReadFromJsonAsync<TokenResponse>(MediaApiJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteMalformedResponse, status, null, ex, operation, status, ex.Message);
        }
        if (token is null || string.IsNullOrEmpty(token.AccessToken))
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteMalformedResponse, status, null, null, operation, status, "no access_token");

        var lifetime = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 0));
        var margin = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 10, MaxRefreshMargin.Ticks));
        _token = token.AccessToken;
        _refreshAt = _options.TimeProvider.GetUtcNow() + lifetime - margin;
        _options.Log?.Invoke(FormattableString.Invariant($"Obtained an access token for client '{_options.ClientId}' from {ApiUrls.Display(TokenUrl)} (expires in {lifetime.TotalSeconds:0} s)."));
    }

    private HttpRequestMessage CreateRequest()
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.ClientId + ":" + _options.ClientSecret));
        return new HttpRequestMessage(HttpMethod.Post, TokenUrl)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", credentials) },
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]),
        };
    }

    public void Dispose() => _gate.Dispose();
}
