using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Http;

/// <summary>The Architect prompt calls a sync makes (reference §1, §2.1, §6.4), one method per call.</summary>
internal sealed class ArchitectApi(GenesysHttp http, ITokenSource token, GenesysEndpoints endpoints)
{
    private const string Prompts = "api/v2/architect/prompts";

    /// <summary>
    /// One page of <c>GET /prompts</c>. <paramref name="names"/> are the server's name filter: several values return
    /// every prompt matching any of them; a trailing <c>*</c> is a prefix match. Empty lists everything.
    /// </summary>
    /// <param name="division">Only prompts of this division (<c>divisionId</c>); null: every division the client sees.</param>
    public async Task<ApiOutcome<PromptListingDto>> ListAsync(IReadOnlyList<string> names, int pageNumber, int pageSize, DivisionDto? division, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"{Prompts}?pageNumber={pageNumber}&pageSize={pageSize}&sortBy=name&sortOrder=asc&includeResources=true&includeMediaUris=true");
        foreach (var name in names)
        {
            query.Append("&name=").Append(Uri.EscapeDataString(name));
        }

        if (division?.Id is { } divisionId)
        {
            query.Append("&divisionId=").Append(Uri.EscapeDataString(divisionId));
        }

        var sent = await GetAsync(query.ToString(), cancellationToken).ConfigureAwait(false);
        return sent.Value is { Status: 403 } forbidden
            ? ApiOutcome<PromptListingDto>.Fail(DivisionForbidden(forbidden, division, "architect:userPrompt:view"))
            : Expect200<PromptListingDto>(sent);
    }

    /// <summary>
    /// One page of <c>GET /api/v2/authorization/divisions</c> filtered by id (<paramref name="byId"/>) or by the
    /// name search term.
    /// </summary>
    public async Task<ApiOutcome<AuthzDivisionEntityListingDto>> ListDivisionsAsync(string nameOrId, bool byId, int pageNumber, CancellationToken cancellationToken) =>
        Expect200<AuthzDivisionEntityListingDto>(await GetAsync(
            $"api/v2/authorization/divisions?pageSize=100&pageNumber={pageNumber}&{(byId ? "id" : "name")}={Uri.EscapeDataString(nameOrId)}", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// <c>POST /prompts</c>, in <paramref name="division"/> when given (else the org's default, Home); the raw answer,
    /// since 409 (name in use) and 403 (no permission in the division) are for the caller to handle.
    /// </summary>
    public Task<ApiOutcome<ApiResponse>> CreatePromptAsync(string name, string? description, DivisionDto? division, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, Prompts, new PromptCreateDto(name, description, division is null ? null : new DivisionDto { Id = division.Id }), cancellationToken);

    /// <summary>IVR6037 for a 403: the operation, the division (null: the org's default), the permission it takes there.</summary>
    public static Diagnostic DivisionForbidden(ApiResponse forbidden, DivisionDto? division, string permission, string? file = null) =>
        Diagnostic.Create(DiagnosticCatalog.GenesysDivisionPermissionMissing, file, forbidden.Operation, Describe(division), permission,
            forbidden.Error?.Message ?? "no error message");

    /// <summary>A division as diagnostics name it: <c>'Sales' (id …)</c>, or Home when none was configured.</summary>
    public static string Describe(DivisionDto? division) =>
        division is null ? "Home (the org's default)" : $"'{division.Name}' (id {division.Id})";

    /// <summary><c>GET /prompts/{id}/resources/{lang}</c>: one resource as it is now (a direct read is current, unlike a listing).</summary>
    public async Task<ApiOutcome<PromptAssetDto>> GetResourceAsync(string promptId, string language, CancellationToken cancellationToken) =>
        Expect200<PromptAssetDto>(await GetAsync($"{Prompts}/{Uri.EscapeDataString(promptId)}/resources/{Uri.EscapeDataString(language)}", cancellationToken).ConfigureAwait(false));

    /// <summary><c>PUT /prompts/{id}</c> with the prompt's name and a new description.</summary>
    public async Task<ApiOutcome<PromptDto>> UpdatePromptAsync(string promptId, string name, string description, CancellationToken cancellationToken) =>
        Expect200<PromptDto>(await SendJsonAsync(HttpMethod.Put, $"{Prompts}/{Uri.EscapeDataString(promptId)}", new PromptCreateDto(name, description), cancellationToken).ConfigureAwait(false));

    /// <summary><c>POST /prompts/{id}/resources</c>; the raw answer, since a 404 right after the prompt's create is for the caller to retry.</summary>
    public Task<ApiOutcome<ApiResponse>> CreateResourceAsync(string promptId, PromptAssetWriteDto body, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, $"{Prompts}/{Uri.EscapeDataString(promptId)}/resources", body, cancellationToken);

    public async Task<ApiOutcome<PromptAssetDto>> UpdateResourceAsync(string promptId, string language, PromptAssetWriteDto body, CancellationToken cancellationToken) =>
        Expect200<PromptAssetDto>(await SendJsonAsync(HttpMethod.Put,
            $"{Prompts}/{Uri.EscapeDataString(promptId)}/resources/{Uri.EscapeDataString(language)}", body, cancellationToken).ConfigureAwait(false));

    /// <summary><c>DELETE /prompts/{id}?allResources=true</c>; the raw answer.</summary>
    public Task<ApiOutcome<ApiResponse>> DeletePromptAsync(string promptId, CancellationToken cancellationToken)
    {
        var url = new Uri(endpoints.ApiBase, $"{Prompts}/{Uri.EscapeDataString(promptId)}?allResources=true");
        return http.SendAsync("DELETE " + url.AbsolutePath, () => new HttpRequestMessage(HttpMethod.Delete, url), token, cancellationToken);
    }

    /// <summary>One page of the objects that use a prompt, from dependency tracking; optionally published flows only.</summary>
    public async Task<ApiOutcome<DependencyListingDto>> ConsumersAsync(string promptId, bool publishedOnly, int pageNumber, CancellationToken cancellationToken)
    {
        var path = $"api/v2/architect/dependencytracking/consumingresources?id={Uri.EscapeDataString(promptId)}&objectType=USERPROMPT&pageSize=100&pageNumber={pageNumber}"
            + (publishedOnly ? "&flowFilter=published" : "");
        return Expect200<DependencyListingDto>(await GetAsync(path, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET /dependencytracking/build</c>: whether the org's dependency data is current.</summary>
    public async Task<ApiOutcome<DependencyStatusDto>> DependencyBuildAsync(CancellationToken cancellationToken) =>
        Expect200<DependencyStatusDto>(await GetAsync("api/v2/architect/dependencytracking/build", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The upload of §2.1: POST multipart/form-data with one part named <c>file</c> to the resource's uploadUri, with
    /// <c>Authorization: Bearer</c>. Retried like every other call (no SDK retries this one). The raw answer.
    /// </summary>
    public Task<ApiOutcome<ApiResponse>> UploadAsync(Uri uploadUri, byte[] audio, string fileName, CancellationToken cancellationToken) =>
        http.SendAsync("POST " + uploadUri.GetLeftPart(UriPartial.Path), () =>
        {
            var part = new ByteArrayContent(audio);
            part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            var form = new MultipartFormDataContent { { part, "file", fileName } };
            return new HttpRequestMessage(HttpMethod.Post, uploadUri) { Content = form };
        }, token, cancellationToken);

    /// <summary>
    /// The preview route of §2.2, <c>POST /prompts/{id}/resources/{lang}/uploads</c> (no body): a pre-signed URL and
    /// its required headers. The raw answer, since 404/501 (route missing) is for the caller to handle.
    /// </summary>
    public Task<ApiOutcome<ApiResponse>> RequestUploadAsync(string promptId, string language, CancellationToken cancellationToken)
    {
        var url = new Uri(endpoints.ApiBase, $"{Prompts}/{Uri.EscapeDataString(promptId)}/resources/{Uri.EscapeDataString(language)}/uploads");
        return http.SendAsync("POST " + url.AbsolutePath, () => new HttpRequestMessage(HttpMethod.Post, url)
        {
            // No body, as the SDKs send it (postArchitectPromptResourceUploads takes none).
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
        }, token, cancellationToken);
    }

    /// <summary>
    /// PUT of the raw file to a pre-signed URL with every header the uploads route returned. No bearer token: the
    /// URL's signature is the authorisation, and the token must not reach a storage host.
    /// </summary>
    public Task<ApiOutcome<ApiResponse>> PutPresignedAsync(Uri url, IReadOnlyDictionary<string, string> headers, byte[] audio, CancellationToken cancellationToken) =>
        http.SendAsync("PUT " + url.GetLeftPart(UriPartial.Path), () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(audio) };
            foreach (var (name, value) in headers)
            {
                // Content-Type and the like belong to the content; the signature covers them wherever they go.
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.Remove(name);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return request;
        }, token: null, cancellationToken);

    /// <summary>
    /// A GET whose 206 (partial content, documented for these reads) is never taken as the whole answer: read again
    /// once, and a second 206 is IVR6033. A partial listing acted on could create duplicates or miss orphans.
    /// </summary>
    private async Task<ApiOutcome<ApiResponse>> GetAsync(string relative, CancellationToken cancellationToken)
    {
        var url = new Uri(endpoints.ApiBase, relative);
        var operation = "GET " + url.AbsolutePath;
        for (var read = 1; ; read++)
        {
            var sent = await http.SendAsync(operation, () => new HttpRequestMessage(HttpMethod.Get, url)
            {
                Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
            }, token, cancellationToken).ConfigureAwait(false);
            if (sent.Value is not { Status: 206 })
            {
                return sent;
            }

            if (read == 2)
            {
                return ApiOutcome<ApiResponse>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysPartialContent, null, operation));
            }
        }
    }

    private Task<ApiOutcome<ApiResponse>> SendJsonAsync<TBody>(HttpMethod method, string relative, TBody body, CancellationToken cancellationToken)
    {
        var url = new Uri(endpoints.ApiBase, relative);
        return http.SendAsync($"{method} {url.AbsolutePath}", () => new HttpRequestMessage(method, url)
        {
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
            Content = JsonContent.Create(body, options: ArchitectJson.Options),
        }, token, cancellationToken);
    }

    private static ApiOutcome<T> Expect200<T>(ApiOutcome<ApiResponse> sent)
        where T : class
    {
        if (sent.Failure is { } failure)
        {
            return ApiOutcome<T>.Fail(failure);
        }

        return sent.Value!.IsSuccess ? sent.Value.Read<T>() : ApiOutcome<T>.Fail(sent.Value.Unexpected());
    }
}
