using System.Globalization;
using System.Security.Cryptography;
using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// The preview upload path (reference §2.2): <c>POST /api/v2/architect/prompts/{promptId}/resources/{languageCode}/uploads</c>
/// answers a <c>PromptAssetUpload</c> <c>{url, headers}</c>; the audio is then PUT as raw bytes to that pre-signed URL
/// with every returned header, like an S3 pre-signed PUT: no bearer token, 403 when a signed header is missing or
/// differs, or once the URL has expired.
/// </summary>
internal static class ArchitectPresignedUploadEndpoints
{
    internal const string SignedUploads = "/emulator-uploads/architect/{promptId}/{languageCode}";

    public static void MapArchitectPresignedUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ArchitectPromptEndpoints.Root + "/{promptId}/resources/{languageCode}/uploads", RequestUpload)
            .WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts);
        app.MapPut(SignedUploads, PresignedStorageEndpoints.PutAsync).WithMetadata(ApiRoute.Marker);
    }

    private static IResult RequestUpload(HttpContext http, ArchitectStore store, string promptId, string languageCode)
    {
        var settings = store.Settings;
        if (!settings.UploadsRouteAvailable)
        {
            return ArchitectErrors.Result(http, 404, "not.found", "Unable to find resource for path /api/v2/architect/prompts/{promptId}/resources/{languageCode}/uploads.");
        }

        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || !prompt.Resources.ContainsKey(languageCode))
            {
                return ArchitectErrors.NotFound(http, $"Resource '{languageCode}' of prompt '{promptId}'");
            }

            var signature = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            // Signed headers as an S3 pre-signed PUT has them; one value is new per URL so no client can hard-code it.
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "audio/wav",
                ["x-amz-server-side-encryption"] = "AES256",
                ["x-amz-meta-upload-id"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            };
            store.IssuedUploads[signature] = new IssuedUpload(promptId, languageCode, headers, store.Now);
            var url = string.Create(CultureInfo.InvariantCulture,
                $"{http.Request.Scheme}://{http.Request.Host}/emulator-uploads/architect/{Uri.EscapeDataString(promptId)}/{Uri.EscapeDataString(languageCode)}"
                + $"?X-Amz-Date={store.Now.ToUnixTimeMilliseconds()}&X-Amz-Expires={settings.UploadUrlExpirySeconds}&X-Amz-Signature={signature}");
            return Results.Json(new ArchitectPromptAssetUpload(url, headers), ArchitectWireJson.Options);
        }
    }

}
