using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MediaCompiler.Emulator.Auth;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Engine;
using MediaCompiler.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Endpoints;

/// <summary>Upload, get and search media assets; the engine decides every rule and status.</summary>
internal static class AssetEndpoints
{
    public static void MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(MediaApiRoutes.Assets, UploadAsync).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaWrite);
        app.MapGet(MediaApiRoutes.Asset, GetAsset).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaRead);
        app.MapGet(MediaApiRoutes.Assets, Search).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaRead);
        app.MapPost(MediaApiRoutes.AssetLookup, LookupAsync).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaRead);
    }

    /// <summary>Media API 2.1: many content hashes in one request; damaged assets count as missing (re-upload repairs them).</summary>
    private static async Task<IResult> LookupAsync(HttpContext http, MediaEngine engine)
    {
        AssetLookupRequest? request;
        try
        {
            request = await System.Text.Json.JsonSerializer.DeserializeAsync<AssetLookupRequest>(http.Request.Body, MediaApiJson.Options, http.RequestAborted);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                $"The body is not a look-up request {{\"contentHashes\": [...]}}: {ex.Message}",
                new ApiErrorDetail("contentHashes", ApiErrorCodes.BadRequest, "Malformed JSON or a value of the wrong type."));
        }

        var outcome = engine.LookupAssets(request?.ContentHashes);
        return outcome.Result is { } result
            ? Results.Json(result, MediaApiJson.Options)
            : ApiErrors.Result(EngineRejections.ToApiError(outcome.Rejection));
    }

    private static async Task<IResult> UploadAsync(HttpContext http, MediaEngine engine)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                "Upload the audio as multipart/form-data with the file in field 'file' (and optionally 'contentHash').",
                new ApiErrorDetail("file", ApiErrorCodes.BadRequest, "A multipart/form-data body is required."));
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            // Malformed multipart, or a section over the form limits.
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, $"The multipart body could not be read: {ex.Message}");
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                "The multipart body has no file in field 'file'.",
                new ApiErrorDetail("file", ApiErrorCodes.BadRequest, "Required."));
        }

        byte[] content;
        using (var buffer = new MemoryStream(checked((int)file.Length)))
        {
            await file.CopyToAsync(buffer, http.RequestAborted);
            content = buffer.ToArray();
        }

        var declaredHash = form["contentHash"].ToString();
        var outcome = engine.UploadAsset(Path.GetFileName(file.FileName), content, declaredHash.Length == 0 ? null : declaredHash);
        if (outcome.Asset is { } asset)
        {
            if (outcome.Disposition == UploadDisposition.Repaired)
            {
                var repaired = Diagnostic.Create(DiagnosticCatalog.EngineAssetRepaired, asset.Name, asset.Id, asset.ContentHash);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AssetEndpoints).FullName!).LogWarning("{Warning}", repaired.ToString());
            }

            if (outcome.Created)
            {
                http.Response.Headers.Location = asset.SelfUri;
            }

            return Results.Json(asset, MediaApiJson.Options, statusCode: outcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }

        return ApiErrors.Result(EngineRejections.ToApiError(outcome.Rejection));
    }

    private static IResult GetAsset(string id, MediaEngine engine) =>
        engine.GetAsset(id) is { } asset
            ? Results.Json(asset, MediaApiJson.Options)
            : ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"No media asset has id '{id}'.");

    private static IResult Search(HttpContext http, MediaEngine engine)
    {
        var contentHash = http.Request.Query["contentHash"].ToString();
        if (!ContentHash.IsWellFormed(contentHash))
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                $"Query parameter contentHash '{contentHash}' must be sha256: followed by 64 hex digits.",
                new ApiErrorDetail("contentHash", ApiErrorCodes.BadRequest, "Expected sha256:<64 hex digits>."));
        }

        var assets = engine.FindAssetsByContentHash(contentHash);
        return Results.Json(new MediaAssetListing(assets, assets.Count), MediaApiJson.Options);
    }
}
