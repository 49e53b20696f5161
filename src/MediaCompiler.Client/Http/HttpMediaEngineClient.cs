using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using MediaCompiler.Http;

namespace MediaCompiler.Client;

/// <summary>
/// The media API over HTTP (Genesys Cloud style): OAuth client credentials, retries with backoff honouring
/// Retry-After, per-attempt timeouts and prompt cancellation. Every failure is a coded <see cref="MediaEngineException"/>.
/// </summary>
public sealed partial class HttpMediaEngineClient : IMediaEngineClient
{
    private readonly HttpMediaEngineClientOptions _options;
    private readonly Uri _root;
    private readonly ResilientSender _sender;
    private readonly MediaApiTokenEndpoint _tokenEndpoint;
    private readonly OAuthTokenProvider _tokens;

    public HttpMediaEngineClient(HttpMediaEngineClientOptions options)
        : this(options, randomizer: null)
    {
    }

    /// <param name="randomizer">Replaces the backoff jitter's random source (tests make the backoff deterministic).</param>
    internal HttpMediaEngineClient(HttpMediaEngineClientOptions options, Func<double>? randomizer)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaseAddress is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
            throw new ArgumentException("BaseAddress must be an absolute http or https URL.", nameof(options));
        _options = options;
        _root = ApiUrls.Root(options.BaseAddress);
        _sender = new ResilientSender(options, randomizer);
        _tokenEndpoint = new MediaApiTokenEndpoint(_sender, options);
        _tokens = new OAuthTokenProvider(_tokenEndpoint.FetchAsync, options.TimeProvider);
    }

    public string Description => ApiUrls.Display(_root);

    /// <summary>
    /// The engine's address and the client id (never the secret): another org on the same engine owns other assets,
    /// so its builds never take this one's compiled prompts (or asset ids) from the prompt cache.
    /// </summary>
    public string OutputIdentity => Description + " client " + _options.ClientId;

    /// <summary>Where tokens are requested (derived from the base address).</summary>
    public Uri TokenUrl => _tokenEndpoint.TokenUrl;

    public async Task<MediaAssetDto?> GetAssetAsync(string assetId, CancellationToken cancellationToken)
    {
        var url = ApiUrls.Asset(_root, assetId);
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        return Validated(await ReadAsync<MediaAssetDto>(response, cancellationToken).ConfigureAwait(false), response);
    }

    public async Task<IReadOnlyList<MediaAssetDto>> FindAssetsByContentHashAsync(string contentHash, CancellationToken cancellationToken)
    {
        var url = ApiUrls.AssetsByContentHash(_root, contentHash);
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        var listing = await ReadAsync<MediaAssetListing>(response, cancellationToken).ConfigureAwait(false);
        var entities = listing.Entities ?? [];
        foreach (var asset in entities)
            Validated(asset, response);
        return entities;
    }

    public async Task<MediaAssetDto> UploadAssetAsync(string filePath, string contentHash, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(filePath);
        var content = await PromptFile.ReadForUploadAsync(filePath, cancellationToken).ConfigureAwait(false);

        var url = ApiUrls.Assets(_root);
        using var response = await SendAsync(HttpMethod.Post, url, () => MultipartUpload.Create(fileName, content, contentHash), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            throw RemoteFailures.UploadRejected(fileName, EngineRefusal.FromApiError(EngineRefusal.FromHttpStatus(status, isUpload: true), error), status, error);
        }
        await ThrowUnlessAsync(response, HttpStatusCode.Created, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        return Validated(await ReadAsync<MediaAssetDto>(response, cancellationToken).ConfigureAwait(false), response);
    }

    public async Task<CompileAccepted> SubmitCompilationAsync(CompileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = ApiUrls.Compile(_root);
        using var response = await SendAsync(HttpMethod.Post, url, () => JsonContent.Create(request, MediaApiJson.CompileRequestWriter), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            throw RemoteFailures.CompileRejected(request.FlowId, EngineRefusal.FromApiError(EngineRefusal.FromHttpStatus(status, isUpload: false), error), status, error);
        }
        await ThrowUnlessAsync(response, HttpStatusCode.Accepted, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        var accepted = await ReadAsync<CompileAccepted>(response, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(accepted.Id))
            throw Malformed(response, "the accepted compilation has no id");
        return accepted;
    }

    public Task<CompileJobStatus> GetCompilationAsync(string compilationId, CancellationToken cancellationToken) =>
        WaitForCompilationAsync(compilationId, TimeSpan.Zero, cancellationToken);

    /// <remarks>
    /// Asks with <c>Prefer: wait=N</c> (RFC 7240), in whole seconds and at most half the request timeout, so that a
    /// server holding the answer the whole wait is never taken for one that stopped answering (no wait at all under a
    /// 2 s timeout).
    /// </remarks>
    public async Task<CompileJobStatus> WaitForCompilationAsync(string compilationId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var url = ApiUrls.Compilation(_root, compilationId);
        // Under a 2 s request timeout there is no whole second to ask for: the status is asked for without a wait.
        var longest = (int)Math.Min(PreferWait.MaxSeconds, Math.Floor(_options.RequestTimeout.TotalSeconds / 2));
        var seconds = wait <= TimeSpan.Zero || longest < 1 ? 0 : (int)Math.Min(Math.Ceiling(wait.TotalSeconds), longest);
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken, prefer: seconds == 0 ? null : PreferWait.Header(seconds)).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteCompilationNotFound, 404, error, null, compilationId);
        }
        await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        var job = await ReadAsync<CompileJobStatus>(response, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(job.Id) || string.IsNullOrEmpty(job.Status))
            throw Malformed(response, "the compilation has no id or status");
        return job with { Results = job.Results ?? [] };
    }

    public async Task DownloadAsync(string downloadUri, string destinationPath, CancellationToken cancellationToken)
    {
        var url = ApiUrls.Download(_root, downloadUri ?? string.Empty)
            ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, null, null, null, downloadUri, "it is not an http(s) address");
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Get, url, null, cancellationToken, _options.MaxOutputBytes).ConfigureAwait(false);
        }
        catch (AnswerTooLargeException ex)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, ex.Status, null, ex, ApiUrls.Display(url), ex.Message + " (no compiled prompt is larger)");
        }

        using var _ = response;
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, 404, null, null, ApiUrls.Display(url), "the engine holds no such output (HTTP 404)");
        await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        // The sender has buffered the body (within the bound), so the only failure left here is writing the file.
        await DownloadWriter.WriteAsync(destinationPath, ApiUrls.Display(url),
            (stream, ct) => response.Content.CopyToAsync(stream, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends with the current access token; on a 401 fetches one fresh token and tries once more, because a token
    /// can be revoked or expire early on the server's side. A second 401 means the credentials are not accepted here.
    /// </summary>
    /// <param name="maxAnswerBytes">
    /// Null for a JSON answer (bounded by <see cref="BoundedBody.MaxJsonAnswerBytes"/>, IVR4007 past it); otherwise
    /// the bound of a download, past which <see cref="AnswerTooLargeException"/> reaches the caller.
    /// </param>
    /// <param name="prefer">A <c>Prefer</c> header's value (RFC 7240), or null.</param>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, Func<HttpContent>? createContent, CancellationToken cancellationToken,
        long? maxAnswerBytes = null, string? prefer = null)
    {
        var operation = method.Method + " " + ApiUrls.Display(url);
        // The token only ever goes to the engine's own origin, never to a download host elsewhere.
        var authorize = ApiUrls.SameOrigin(_root, url);
        for (var attempt = 1; ; attempt++)
        {
            var token = authorize ? await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) : null;
            var response = maxAnswerBytes is { } bound
                ? await _sender.SendBoundedAsync(() => CreateRequest(method, url, token, createContent, prefer), operation, url, bound, cancellationToken).ConfigureAwait(false)
                : await _sender.SendAsync(() => CreateRequest(method, url, token, createContent, prefer), operation, url, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
            {
                response.Dispose();
                if (attempt == 2)
                    throw RemoteFailures.Create(DiagnosticCatalog.RemoteTokenRejected, 401, null, null, operation);
                _options.Log?.Invoke($"{operation}: access token rejected (HTTP 401); requesting a new one.");
                _tokens.Invalidate(token);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                using (response)
                {
                    var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
                    throw RemoteFailures.Create(DiagnosticCatalog.RemoteForbidden, 403, error, null, operation, ApiErrorReader.Describe(error, response));
                }
            }
            return response;
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri url, string? token, Func<HttpContent>? createContent, string? prefer)
    {
        var request = new HttpRequestMessage(method, url) { Content = createContent?.Invoke() };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (prefer is not null)
            request.Headers.TryAddWithoutValidation(PreferWait.HeaderName, prefer);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static Task ThrowUnlessAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken) =>
        ThrowUnlessAsync(response, expected, expected, cancellationToken);

    /// <summary>Any status the route does not expect (429 and 5xx were already handled by the sender).</summary>
    private static async Task ThrowUnlessAsync(HttpResponseMessage response, HttpStatusCode expected, HttpStatusCode alsoExpected, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected || response.StatusCode == alsoExpected)
            return;
        var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
        throw RemoteFailures.Create(DiagnosticCatalog.RemoteUnexpectedStatus, (int)response.StatusCode, error, null,
            Operation(response), (int)response.StatusCode, ApiErrorReader.Describe(error, response));
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(MediaApiJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw Malformed(response, "the body is empty or null");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw Malformed(response, ex.Message, ex);
        }
    }

    private static MediaAssetDto Validated(MediaAssetDto asset, HttpResponseMessage response) =>
        string.IsNullOrEmpty(asset?.Id) || string.IsNullOrEmpty(asset.ContentHash)
            ? throw Malformed(response, "an asset has no id or contentHash")
            : asset;

    private static MediaEngineException Malformed(HttpResponseMessage response, string what, Exception? inner = null) =>
        RemoteFailures.Create(DiagnosticCatalog.RemoteMalformedResponse, (int)response.StatusCode, null, inner,
            Operation(response), (int)response.StatusCode, what);

    private static string Operation(HttpResponseMessage response) => response.RequestMessage is { RequestUri: { } uri } request
        ? request.Method.Method + " " + ApiUrls.Display(uri)
        : "media API request";

    public void Dispose()
    {
        _tokens.Dispose();
        _sender.Dispose();
    }
}
