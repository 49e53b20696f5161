using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Http;
using MediaCompiler.Storage;

namespace MediaCompiler.Client;

/// <summary>
/// Media API 2.1 and 2.3 over HTTP: the batch look-up, the output archive and the batch upload, each with a fallback
/// for older engines.
/// </summary>
public sealed partial class HttpMediaEngineClient
{
    // Set when the engine has no batch upload route (media API before 2.3): every later batch goes one by one.
    private volatile bool _singleUploadsOnly;

    public async Task<IReadOnlyList<AssetUploadOutcome>> UploadAssetsAsync(IReadOnlyList<AssetUpload> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var outcomes = new List<AssetUploadOutcome>(uploads.Count);
        foreach (var chunk in uploads.Chunk(AssetBatchUpload.MaxFiles))
        {
            outcomes.AddRange(chunk.Length == 1 || _singleUploadsOnly
                ? await OneByOneAsync(chunk, cancellationToken).ConfigureAwait(false)
                : await UploadBatchAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    private Task<IReadOnlyList<AssetUploadOutcome>> OneByOneAsync(IReadOnlyList<AssetUpload> uploads, CancellationToken cancellationToken) =>
        ((IMediaEngineClient)new SearchOnly(this)).UploadAssetsAsync(uploads, cancellationToken);

    private async Task<IReadOnlyList<AssetUploadOutcome>> UploadBatchAsync(AssetUpload[] uploads, CancellationToken cancellationToken)
    {
        var files = new (string FileName, byte[] Content, string ContentHash)[uploads.Length];
        for (var i = 0; i < uploads.Length; i++)
        {
            files[i] = (Path.GetFileName(uploads[i].FilePath), await PromptFile.ReadForUploadAsync(uploads[i].FilePath, cancellationToken).ConfigureAwait(false),
                uploads[i].ContentHash);
        }

        var url = ApiUrls.AssetBatch(_root);
        using var response = await SendAsync(HttpMethod.Post, url, () => MultipartUpload.CreateBatch(files), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            // An engine before media API 2.3 has no batch route: this batch and every later one go one by one.
            _singleUploadsOnly = true;
            return await OneByOneAsync(uploads, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            // A server with smaller caps than ours (files per batch, body size): each file alone, so that a file too
            // large on its own is refused as itself and the others are stored.
            _options.Log?.Invoke($"{ApiUrls.Display(url)}: HTTP 413 for a batch of {uploads.Length} files; uploading them one by one.");
            return await OneByOneAsync(uploads, cancellationToken).ConfigureAwait(false);
        }

        await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        var result = await ReadAsync<AssetBatchResult>(response, cancellationToken).ConfigureAwait(false);
        if (result.Results is not { } entries || entries.Count != uploads.Length)
        {
            throw Malformed(response, $"the batch upload's answer has {result.Results?.Count ?? 0} result(s) for {uploads.Length} file(s)");
        }

        var outcomes = new AssetUploadOutcome[uploads.Length];
        for (var i = 0; i < entries.Count; i++)
        {
            outcomes[i] = entries[i] switch
            {
                { Status: 200 or 201, Asset: { } asset } => new AssetUploadOutcome(Validated(asset, response), null),
                { Status: 400 or 413 } refused => new AssetUploadOutcome(null, RemoteFailures.UploadRejected(files[i].FileName,
                    EngineRefusal.FromApiError(EngineRefusal.FromHttpStatus(refused.Status, isUpload: true), refused.Error), refused.Status, refused.Error)),
                var other => throw Malformed(response, $"the batch upload's result for '{files[i].FileName}' has status {other.Status} and {(other.Asset is null ? "no asset" : "an asset")}"),
            };
        }

        return outcomes;
    }

    public async Task<AssetLookupResult> LookupAssetsAsync(IReadOnlyList<string> contentHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHashes);
        var held = new List<MediaAssetDto>();
        var missing = new List<string>();
        foreach (var chunk in contentHashes.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(AssetLookupRequest.MaxHashes))
        {
            var url = ApiUrls.AssetLookup(_root);
            using var response = await SendAsync(HttpMethod.Post, url,
                () => JsonContent.Create(new AssetLookupRequest(chunk), options: MediaApiJson.Options), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                // An engine of media API 2.0 has no look-up route: ask hash by hash.
                return await ((IMediaEngineClient)new SearchOnly(this)).LookupAssetsAsync(contentHashes, cancellationToken).ConfigureAwait(false);
            }

            await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
            var result = await ReadAsync<AssetLookupResult>(response, cancellationToken).ConfigureAwait(false);
            foreach (var asset in result.Held ?? [])
            {
                held.Add(Validated(asset, response));
            }

            missing.AddRange(result.Missing ?? []);
        }

        return new AssetLookupResult(held, missing);
    }

    public async Task DownloadOutputsAsync(string compilationId, IReadOnlyList<OutputDownload> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 1)
        {
            await DownloadAsync(outputs[0].DownloadUri, outputs[0].DestinationPath, cancellationToken).ConfigureAwait(false);
            return;
        }

        var url = ApiUrls.Outputs(_root, compilationId);
        var nodeIds = outputs.Select(o => o.NodeId).ToArray();
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Post, url, () => JsonContent.Create(new OutputArchiveRequest(nodeIds), options: MediaApiJson.Options),
                cancellationToken, _options.MaxArchiveBytes).ConfigureAwait(false);
        }
        catch (AnswerTooLargeException ex)
        {
            // Long prompts can make a large archive without anything being wrong: one by one, each within its own bound.
            _options.Log?.Invoke($"{ApiUrls.Display(url)}: {ex.Message}; downloading the {outputs.Count} outputs one by one.");
            await ((IMediaEngineClient)new SearchOnly(this)).DownloadOutputsAsync(compilationId, outputs, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var _ = response;
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            // Media API 2.0 (no archive route), or outputs the engine no longer holds: one by one, each failure said.
            await ((IMediaEngineClient)new SearchOnly(this)).DownloadOutputsAsync(compilationId, outputs, cancellationToken).ConfigureAwait(false);
            return;
        }

        await ThrowUnlessAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        await WriteArchiveAsync(response, url, outputs, _options.MaxOutputBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteArchiveAsync(HttpResponseMessage response, Uri url, IReadOnlyList<OutputDownload> outputs, long maxOutputBytes,
        CancellationToken cancellationToken)
    {
        var source = ApiUrls.Display(url);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(body, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw Malformed(response, $"the output archive is not a ZIP ({ex.Message})", ex);
        }

        using (zip)
        using (var batch = new AtomicFileBatch())
        {
            foreach (var output in outputs)
            {
                var entry = zip.GetEntry(Uri.EscapeDataString(output.NodeId) + ".wav")
                    ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, 200, null, null, source, $"the archive lacks node '{output.NodeId}'");
                // The entry's stream stops at the length the archive claims for it (the runtime bounds it), so the claim
                // bounds what is written: a damaged or hostile archive never fills the disk.
                if (entry.Length > maxOutputBytes)
                {
                    throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, 200, null, null, source,
                        $"the archive's entry for node '{output.NodeId}' unpacks to {entry.Length} bytes, more than any compiled prompt ({maxOutputBytes})");
                }
                await using var stream = entry.Open();
                await DownloadWriter.WriteAsync(batch, output.DestinationPath, source, (target, ct) => stream.CopyToAsync(target, ct), cancellationToken).ConfigureAwait(false);
            }
            // All flushed together: one flush per file, one after another, cost most of a cold build's download.
            DownloadWriter.Commit(batch, Path.GetDirectoryName(outputs[0].DestinationPath) ?? "", source);
        }
    }

    /// <summary>This client seen through the interface's defaults: search by hash and single downloads (media API 2.0).</summary>
    private sealed class SearchOnly(HttpMediaEngineClient inner) : IMediaEngineClient
    {
        public string Description => inner.Description;

        public string OutputIdentity => inner.OutputIdentity;

        public Task<MediaAssetDto?> GetAssetAsync(string assetId, CancellationToken cancellationToken) => inner.GetAssetAsync(assetId, cancellationToken);

        public Task<IReadOnlyList<MediaAssetDto>> FindAssetsByContentHashAsync(string contentHash, CancellationToken cancellationToken) =>
            inner.FindAssetsByContentHashAsync(contentHash, cancellationToken);

        public Task<MediaAssetDto> UploadAssetAsync(string filePath, string contentHash, CancellationToken cancellationToken) =>
            inner.UploadAssetAsync(filePath, contentHash, cancellationToken);

        public Task<CompileAccepted> SubmitCompilationAsync(CompileRequest request, CancellationToken cancellationToken) =>
            inner.SubmitCompilationAsync(request, cancellationToken);

        public Task<CompileJobStatus> GetCompilationAsync(string compilationId, CancellationToken cancellationToken) =>
            inner.GetCompilationAsync(compilationId, cancellationToken);

        public Task DownloadAsync(string downloadUri, string destinationPath, CancellationToken cancellationToken) =>
            inner.DownloadAsync(downloadUri, destinationPath, cancellationToken);

        // Not the owner: disposing the view must not dispose the client.
        public void Dispose()
        {
        }
    }
}
