using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Engine.InProcess;

/// <summary>
/// Talks to a <see cref="MediaEngine"/> in the same process (the build's default when no remote engine is configured).
/// Maps the engine's domain outcomes to the same exceptions the HTTP client throws, so the pipeline cannot tell
/// the two apart.
/// </summary>
public sealed class InProcessMediaEngineClient : IMediaEngineClient
{
    private readonly MediaEngine _engine;
    private readonly bool _ownsEngine;

    public InProcessMediaEngineClient(MediaEngine engine, bool ownsEngine = true)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _ownsEngine = ownsEngine;
    }

    /// <summary>A client over a fresh in-memory engine that it owns (the build's default engine).</summary>
    public static IMediaEngineClient StartNew() => new InProcessMediaEngineClient(new MediaEngine(), ownsEngine: true);

    public string Description => "in-process media engine";

    public Task<MediaAssetDto?> GetAssetAsync(string assetId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_engine.GetAsset(assetId));
    }

    public Task<IReadOnlyList<MediaAssetDto>> FindAssetsByContentHashAsync(string contentHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_engine.FindAssetsByContentHash(contentHash));
    }

    public async Task<MediaAssetDto> UploadAssetAsync(string filePath, string contentHash, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(filePath);
        var content = await PromptFile.ReadForUploadAsync(filePath, cancellationToken).ConfigureAwait(false);

        var outcome = _engine.UploadAsset(fileName, content, contentHash);
        if (outcome.Asset is not null)
            return outcome.Asset;
        var (status, error) = AsWireError(outcome.Rejection);
        throw RemoteFailures.UploadRejected(fileName, status, error);
    }

    public Task<CompileAccepted> SubmitCompilationAsync(CompileRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = _engine.SubmitCompilation(request);
        if (outcome.Accepted is not null)
            return Task.FromResult(outcome.Accepted);
        var (status, error) = AsWireError(outcome.Rejection);
        throw RemoteFailures.CompileRejected(request.FlowId, status, error);
    }

    public Task<CompileJobStatus> GetCompilationAsync(string compilationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_engine.GetJob(compilationId)
            ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteCompilationNotFound, 404, null, null, compilationId));
    }

    public Task DownloadAsync(string downloadUri, string destinationPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = _engine.GetDownload(downloadUri)
            ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, 404, null, null, downloadUri, "the engine holds no such output (HTTP 404)");
        return DownloadWriter.WriteAsync(destinationPath, bytes, downloadUri, cancellationToken);
    }

    /// <summary>
    /// The rejection as the emulator would have answered it (413 for too large, else 400), so that a build reports
    /// the same failure whichever engine it talks to.
    /// </summary>
    private static (int Status, ApiError? Error) AsWireError(EngineRejection? rejection)
    {
        if (rejection is null)
            return (500, null);
        int status = rejection.Reason == RejectionReason.TooLarge ? 413 : 400;
        return (status, new ApiError(rejection.Message, rejection.Code, status, Guid.NewGuid().ToString("D"), rejection.Details));
    }

    public void Dispose()
    {
        if (_ownsEngine)
            _engine.Dispose();
    }
}
