using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Engine.InProcess;

/// <summary>
/// Talks to a <see cref="MediaEngine"/> in the same process (the build's default when no remote engine is configured).
/// The engine's refusals reach the pipeline as <see cref="EngineRefusal"/> values taken straight from its domain
/// outcome (no HTTP status is made up); the pipeline decides by the refusal's kind, as it does for the HTTP client.
/// Failures of the engine itself (our bugs, a failing data directory) go to the incident sink with their stack.
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

    /// <summary>
    /// A client over a fresh in-memory engine that it owns (the build's default engine). <paramref name="onIncident"/>
    /// receives every failure the engine survived (a bug of ours, a failing disk) with its exception and stack, so the
    /// build can report it as ours instead of losing it.
    /// </summary>
    public static IMediaEngineClient StartNew(Action<EngineIncident>? onIncident = null) =>
        new InProcessMediaEngineClient(new MediaEngine(new MediaEngineOptions { OnIncident = onIncident }), ownsEngine: true);

    public string Description => "in-process media engine";

    /// <summary>The engine's and the codecs' code: a package with another engine compiles again.</summary>
    public string OutputIdentity { get; } = "in-process media engine " + string.Join("|",
        new[] { typeof(MediaCompiler.Engine.MediaEngine), typeof(InProcessMediaEngineClient), typeof(MediaCompiler.Codecs.Wav.G711WavWriter) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

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
        throw RemoteFailures.UploadRejected(fileName, AsRefusal(outcome.Rejection, RefusalKind.AboutTheFile));
    }

    public Task<CompileAccepted> SubmitCompilationAsync(CompileRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = _engine.SubmitCompilation(request);
        if (outcome.Accepted is not null)
            return Task.FromResult(outcome.Accepted);
        throw RemoteFailures.CompileRejected(request.FlowId, AsRefusal(outcome.Rejection, RefusalKind.AboutTheRequest));
    }

    public Task<CompileJobStatus> GetCompilationAsync(string compilationId, CancellationToken cancellationToken) =>
        WaitForCompilationAsync(compilationId, TimeSpan.Zero, cancellationToken);

    public async Task<CompileJobStatus> WaitForCompilationAsync(string compilationId, TimeSpan wait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _engine.GetJobAsync(compilationId, wait, cancellationToken).ConfigureAwait(false)
            ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteCompilationNotFound, null, null, null, compilationId);
    }

    public Task DownloadAsync(string downloadUri, string destinationPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = _engine.GetDownload(downloadUri)
            ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, null, null, null, downloadUri, "the engine holds no such output");
        return DownloadWriter.WriteAsync(destinationPath, bytes, downloadUri, cancellationToken);
    }

    /// <summary>
    /// All outputs of a job written as one batch, flushed to disk together (<see cref="AtomicFileBatch"/>): one by one,
    /// a flush each, cost a cold build of 2,000 prompts 2,000 journal commits in a row. None is in place unless all are.
    /// </summary>
    public async Task DownloadOutputsAsync(string compilationId, IReadOnlyList<OutputDownload> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        using var batch = new AtomicFileBatch();
        foreach (var output in outputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = _engine.GetDownload(output.DownloadUri)
                ?? throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, null, null, null, output.DownloadUri, "the engine holds no such output");
            await DownloadWriter.WriteAsync(batch, output.DestinationPath, output.DownloadUri, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        if (outputs.Count > 0)
        {
            DownloadWriter.Commit(batch, Path.GetDirectoryName(outputs[0].DestinationPath) ?? "", Description);
        }
    }

    /// <summary>
    /// The engine's refusal as a value. Busy is the engine's own word for a full job table; a rule broken by the
    /// input is about the file on upload and about the request's fields on submit. A missing rejection would be a
    /// bug in the engine's outcome, so it is one, not a refusal.
    /// </summary>
    private static EngineRefusal AsRefusal(EngineRejection? rejection, RefusalKind inputKind)
    {
        if (rejection is null)
            throw new InvalidOperationException("The media engine neither accepted nor rejected the request.");
        var kind = rejection.Reason == RejectionReason.Busy ? RefusalKind.Busy : inputKind;
        return new EngineRefusal(kind, rejection.Code, rejection.Message, rejection.Details);
    }

    public void Dispose()
    {
        if (_ownsEngine)
            _engine.Dispose();
    }
}
