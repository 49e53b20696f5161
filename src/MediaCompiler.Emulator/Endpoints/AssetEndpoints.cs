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
        app.MapPost(MediaApiRoutes.AssetBatch, UploadBatchAsync).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaWrite);
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
        var read = await ReadUploadFormAsync(http);
        if (read.Form is not { } form)
        {
            return read.Problem!;
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                "The multipart body has no file in field 'file'.",
                new ApiErrorDetail("file", ApiErrorCodes.BadRequest, "Required."));
        }

        var declaredHash = form["contentHash"].ToString();
        var entry = await StoreAsync(http, engine, file, declaredHash);
        if (entry.Asset is { } asset)
        {
            if (entry.Status == StatusCodes.Status201Created)
            {
                http.Response.Headers.Location = asset.SelfUri;
            }

            return Results.Json(asset, MediaApiJson.Options, statusCode: entry.Status);
        }

        return ApiErrors.Result(entry.Error!);
    }

    /// <summary>
    /// Media API 2.3: many files in one request, each stored exactly as the single upload stores it; one file's
    /// refusal is its own entry and never refuses the others.
    /// </summary>
    private static async Task<IResult> UploadBatchAsync(HttpContext http, MediaEngine engine)
    {
        var read = await ReadUploadFormAsync(http);
        if (read.Form is not { } form)
        {
            return read.Problem!;
        }

        var files = form.Files.GetFiles("file");
        if (files.Count == 0)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                "The multipart body has no file in field 'file'.",
                new ApiErrorDetail("file", ApiErrorCodes.BadRequest, "At least one is required."));
        }

        if (files.Count > AssetBatchUpload.MaxFiles)
        {
            var tooMany = Diagnostic.Create(DiagnosticCatalog.EngineBatchTooManyFiles, null, files.Count, AssetBatchUpload.MaxFiles);
            return ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, tooMany.Code, tooMany.Message,
                new ApiErrorDetail("file", tooMany.Code, tooMany.Message));
        }

        var hashes = form["contentHash"];
        if (hashes.Count != 0 && hashes.Count != files.Count)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                $"The batch has {files.Count} file(s) and {hashes.Count} contentHash part(s): give one per file, in the same order, or none.",
                new ApiErrorDetail("contentHash", ApiErrorCodes.BadRequest, "One per file, or none."));
        }

        var results = new AssetBatchEntry[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            results[i] = await StoreAsync(http, engine, files[i], hashes.Count == 0 ? "" : hashes[i] ?? "");
        }

        return Results.Json(new AssetBatchResult(results), MediaApiJson.Options);
    }

    /// <summary>The form of an upload, or the 400 that says why there is none.</summary>
    private static async Task<(IFormCollection? Form, IResult? Problem)> ReadUploadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                "Upload the audio as multipart/form-data with the file in field 'file' (and optionally 'contentHash').",
                new ApiErrorDetail("file", ApiErrorCodes.BadRequest, "A multipart/form-data body is required.")));
        }

        try
        {
            return (await http.Request.ReadFormAsync(http.RequestAborted), null);
        }
        catch (InvalidDataException ex)
        {
            // Malformed multipart, or a section over the form limits.
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, $"The multipart body could not be read: {ex.Message}"));
        }
    }

    /// <summary>Stores one uploaded file: its answer as the single upload gives it (201, 200, or the refusal).</summary>
    private static async Task<AssetBatchEntry> StoreAsync(HttpContext http, MediaEngine engine, IFormFile file, string declaredHash)
    {
        byte[] content;
        using (var buffer = new MemoryStream(checked((int)file.Length)))
        {
            await file.CopyToAsync(buffer, http.RequestAborted);
            content = buffer.ToArray();
        }

        var outcome = engine.UploadAsset(Path.GetFileName(file.FileName), content, declaredHash.Length == 0 ? null : declaredHash);
        if (outcome.Asset is not { } asset)
        {
            var error = EngineRejections.ToApiError(outcome.Rejection);
            return new AssetBatchEntry(error.Status, null, error);
        }

        if (outcome.Disposition == UploadDisposition.Repaired)
        {
            var repaired = Diagnostic.Create(DiagnosticCatalog.EngineAssetRepaired, asset.Name, asset.Id, asset.ContentHash);
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AssetEndpoints).FullName!).LogWarning("{Warning}", repaired.ToString());
        }

        return new AssetBatchEntry(outcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, asset, null);
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
