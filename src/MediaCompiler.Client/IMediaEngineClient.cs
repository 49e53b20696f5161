using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>
/// Everything the pipeline needs from a media engine. Implemented over HTTP (HttpMediaEngineClient), in-process
/// (InProcessMediaEngineClient), and next by a Genesys Cloud Architect prompts backend.
/// Failures are thrown as <see cref="MediaEngineException"/> carrying an IVR code; cancellation as
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface IMediaEngineClient : IDisposable
{
    /// <summary>Where the client talks to, for logs ("in-process engine", "http://127.0.0.1:5080"). Never a secret.</summary>
    string Description { get; }

    /// <summary>
    /// What the compiled output depends on besides the request (the engine's code, a remote engine's address): part of
    /// the prompt cache's key, so that a new engine never serves an old compile.
    /// </summary>
    string OutputIdentity => Description;

    /// <summary>The asset, or null when the engine no longer holds it (404).</summary>
    Task<MediaAssetDto?> GetAssetAsync(string assetId, CancellationToken cancellationToken);

    /// <summary>Assets whose content has this hash (<c>sha256:...</c>); empty when none.</summary>
    Task<IReadOnlyList<MediaAssetDto>> FindAssetsByContentHashAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>Uploads the file with its declared content hash; returns the stored asset (new or existing).</summary>
    Task<MediaAssetDto> UploadAssetAsync(string filePath, string contentHash, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads several files (media API 2.3: one request per batch). One outcome per upload, in order: the stored asset,
    /// or the engine's refusal of that file's content, which never stops the others. A failure of the call itself
    /// (authentication, an unreachable engine, an unreadable file) throws. The default uploads them one by one.
    /// </summary>
    async Task<IReadOnlyList<AssetUploadOutcome>> UploadAssetsAsync(IReadOnlyList<AssetUpload> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var outcomes = new AssetUploadOutcome[uploads.Count];
        for (var i = 0; i < uploads.Count; i++)
        {
            try
            {
                outcomes[i] = new AssetUploadOutcome(await UploadAssetAsync(uploads[i].FilePath, uploads[i].ContentHash, cancellationToken).ConfigureAwait(false), null);
            }
            catch (MediaEngineException ex) when (ex.Refusal is { Kind: RefusalKind.AboutTheFile })
            {
                outcomes[i] = new AssetUploadOutcome(null, ex);
            }
        }

        return outcomes;
    }

    Task<CompileAccepted> SubmitCompilationAsync(CompileRequest request, CancellationToken cancellationToken);

    Task<CompileJobStatus> GetCompilationAsync(string compilationId, CancellationToken cancellationToken);

    /// <summary>
    /// The job's status once it is final, or after <paramref name="wait"/> at the latest (the media API's
    /// <c>Prefer: wait</c>): the ending is known the moment it happens, with one request. An engine that does not hold
    /// answers gives the status at once, so callers still pace their polls.
    /// </summary>
    Task<CompileJobStatus> WaitForCompilationAsync(string compilationId, TimeSpan wait, CancellationToken cancellationToken) =>
        GetCompilationAsync(compilationId, cancellationToken);

    /// <summary>
    /// Writes the bytes behind a result's downloadUri to <paramref name="destinationPath"/> atomically: a new file renamed
    /// into place, never a write into the old one (the prompt cache may hold the old one's bytes under a second name).
    /// </summary>
    Task DownloadAsync(string downloadUri, string destinationPath, CancellationToken cancellationToken);

    /// <summary>
    /// Which of these content hashes the engine holds (media API 2.1: one request per few thousand hashes). The default
    /// asks hash by hash, for engines and fakes that only know the search.
    /// </summary>
    async Task<AssetLookupResult> LookupAssetsAsync(IReadOnlyList<string> contentHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHashes);
        var held = new List<MediaAssetDto>();
        var missing = new List<string>();
        foreach (var hash in contentHashes.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var found = await FindAssetsByContentHashAsync(hash, cancellationToken).ConfigureAwait(false);
            if (found.Count > 0)
            {
                held.Add(found[0]);
            }
            else
            {
                missing.Add(hash);
            }
        }

        return new AssetLookupResult(held, missing);
    }

    /// <summary>
    /// Writes several outputs of one compile job (media API 2.1: one archive request); the default downloads them one
    /// by one. A failure throws <see cref="MediaEngineException"/>. The archive and the in-process engine write a job's
    /// outputs as one batch flushed together (none in place unless all are); the default leaves those already written
    /// (each is atomic).
    /// </summary>
    async Task DownloadOutputsAsync(string compilationId, IReadOnlyList<OutputDownload> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var output in outputs)
        {
            await DownloadAsync(output.DownloadUri, output.DestinationPath, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>One compiled output to fetch: its node, its download address, and where it goes.</summary>
public sealed record OutputDownload(string NodeId, string DownloadUri, string DestinationPath);

/// <summary>One file to upload, with the content hash it was validated under.</summary>
public sealed record AssetUpload(string FilePath, string ContentHash);

/// <summary>What became of one upload: the stored asset, or the engine's refusal of this file's content.</summary>
public sealed record AssetUploadOutcome(MediaAssetDto? Asset, MediaEngineException? Refusal);
