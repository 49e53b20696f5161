using System.IO.Compression;
using System.Text.Json;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Engine;
using MediaCompiler.Engine.Outputs;
using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Endpoints;

/// <summary>
/// <c>POST /api/v2/media/compile/{id}/outputs</c> (media API 2.1): the compiled WAVs of the named nodes in one ZIP
/// (stored, not deflated: G.711 barely compresses), so a cold build fetches its outputs in one request instead of one
/// per prompt. Every named output is checked against its hash first: one damaged or missing output refuses the whole
/// archive (410 / 404) rather than serve a partial or wrong one.
/// </summary>
internal static class OutputArchiveEndpoint
{
    public static async Task<IResult> WriteAsync(string id, HttpContext http, MediaEngine engine, JobFaultOverlay jobFaults)
    {
        OutputArchiveRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<OutputArchiveRequest>(http.Request.Body, MediaApiJson.Options, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Invalid(id, $"the body is not JSON of the form {{\"nodeIds\": [...]}} ({ex.Message})");
        }

        var nodeIds = request?.NodeIds?.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (nodeIds.Length == 0)
        {
            return Invalid(id, "nodeIds is missing or empty");
        }

        if (engine.GetJob(id) is not { } job || jobFaults.HidesOutputsOf(id))
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"No compile job has id '{id}'.");
        }

        if (nodeIds.Length > job.Results.Count)
        {
            return Invalid(id, $"{nodeIds.Length} node ids named, but the job has {job.Results.Count} result(s)");
        }

        var outputs = new List<(string NodeId, byte[] Bytes)>(nodeIds.Length);
        foreach (var nodeId in nodeIds)
        {
            switch (engine.ReadOutput(id, nodeId))
            {
                case OutputRead.Found found:
                    outputs.Add((nodeId, found.Bytes));
                    break;
                case OutputRead.Damaged damaged:
                    return ApiErrors.Result(StatusCodes.Status410Gone, damaged.Diagnostic.Code, damaged.Diagnostic.Message);
                default:
                    return ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"Compile job '{id}' has no output for node '{nodeId}'.");
            }
        }

        var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (nodeId, bytes) in outputs)
            {
                var entry = zip.CreateEntry(Uri.EscapeDataString(nodeId) + ".wav", CompressionLevel.NoCompression);
                await using var stream = entry.Open();
                await stream.WriteAsync(bytes, http.RequestAborted);
            }
        }

        return Results.Bytes(archive.ToArray(), "application/zip");
    }

    private static IResult Invalid(string id, string reason)
    {
        var diagnostic = Diagnostic.Create(DiagnosticCatalog.EngineArchiveRequestInvalid, null, id, reason);
        return ApiErrors.Result(StatusCodes.Status400BadRequest, diagnostic.Code, diagnostic.Message,
            new ApiErrorDetail("nodeIds", diagnostic.Code, diagnostic.Message));
    }
}
