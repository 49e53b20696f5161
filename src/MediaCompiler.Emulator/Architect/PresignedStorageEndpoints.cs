using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// The storage behind the pre-signed upload URLs the uploads route hands out (outside the Architect API, as S3 is for
/// the real platform): a raw PUT with every signed header, no bearer token; 403 when the signature, a signed header
/// or the expiry says no; each URL takes one upload. Its own class: its query (<c>X-Amz-*</c>) is the storage's, not
/// an Architect route's.
/// </summary>
internal static class PresignedStorageEndpoints
{
    internal static async Task<IResult> PutAsync(HttpContext http, ArchitectStore store, string promptId, string languageCode)
    {
        IssuedUpload? issued;
        lock (store.Lock)
        {
            store.IssuedUploads.TryGetValue(http.Request.Query["X-Amz-Signature"].ToString(), out issued);
        }

        if (issued is null || issued.PromptId != promptId || issued.Language != languageCode)
        {
            return ArchitectErrors.Result(http, 403, "SignatureDoesNotMatch", "The request signature does not match any issued upload URL.");
        }

        if (store.Now > issued.IssuedAt.AddSeconds(store.Settings.UploadUrlExpirySeconds))
        {
            return ArchitectErrors.Result(http, 403, "AccessDenied", "Request has expired (the pre-signed upload URL's X-Amz-Expires has passed).");
        }

        var missing = issued.Headers.Where(h => !string.Equals(HeaderValue(http.Request, h.Key), h.Value, StringComparison.Ordinal)).Select(h => h.Key).ToList();
        if (missing.Count > 0)
        {
            return ArchitectErrors.Result(http, 403, "SignatureDoesNotMatch", $"Signed header(s) missing or different: {string.Join(", ", missing)}.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = ArchitectUploadEndpoints.MaxUploadBytes;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        lock (store.Lock)
        {
            // A pre-signed URL takes one upload.
            store.IssuedUploads.Remove(http.Request.Query["X-Amz-Signature"].ToString());
        }

        return ArchitectUploadEndpoints.Store(http, store, promptId, languageCode, buffer.ToArray(), "upload.wav");
    }

    private static string HeaderValue(HttpRequest request, string name) => request.Headers[name].ToString();
}
