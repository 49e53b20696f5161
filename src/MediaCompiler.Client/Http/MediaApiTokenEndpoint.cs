using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using MediaCompiler.Http;

namespace MediaCompiler.Client;

/// <summary>
/// How the media API's token endpoint is asked for a client-credentials token and how its refusals read (coded
/// <see cref="MediaEngineException"/>s). Caching and renewal are the shared <see cref="OAuthTokenProvider"/>'s. The
/// secret travels only in the Basic header of the token request; neither it nor any token is ever logged.
/// </summary>
internal sealed class MediaApiTokenEndpoint(ResilientSender sender, HttpMediaEngineClientOptions options)
{
    public Uri TokenUrl { get; } = TokenEndpoint.For(options.BaseAddress);

    public async Task<TokenGrant> FetchAsync(CancellationToken cancellationToken)
    {
        var operation = "POST " + ApiUrls.Display(TokenUrl);
        using var response = await sender.SendAsync(CreateRequest, operation, TokenUrl, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                break;
            // RFC 6749 answers a bad client with 401 invalid_client, though many servers send 400.
            case HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized:
                throw RemoteFailures.Create(DiagnosticCatalog.RemoteAuthenticationFailed, status,
                    await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false), null,
                    options.ClientId, ApiUrls.Display(TokenUrl), status);
            case HttpStatusCode.Forbidden:
                throw RemoteFailures.Create(DiagnosticCatalog.RemoteForbidden, status, null, null,
                    operation, $"the OAuth client '{options.ClientId}' may not use the client-credentials grant");
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
        options.Log?.Invoke(FormattableString.Invariant($"Obtained an access token for client '{options.ClientId}' from {ApiUrls.Display(TokenUrl)} (expires in {lifetime.TotalSeconds:0} s)."));
        return new TokenGrant(token.AccessToken, lifetime);
    }

    private HttpRequestMessage CreateRequest() => new(HttpMethod.Post, TokenUrl)
    {
        Headers = { Authorization = ClientCredentials.BasicHeader(options.ClientId, options.ClientSecret) },
        Content = ClientCredentials.Form(),
    };
}
