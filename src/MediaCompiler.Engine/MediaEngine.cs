using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using MediaCompiler.Engine.Assets;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine;

/// <summary>
/// The media engine: a content-addressed asset store and asynchronous compile jobs that decode each asset and
/// convert it to G.711 (mu-law or A-law), 8 kHz mono WAV. Thread-safe. Hosted in-process by the build and behind
/// HTTP by the emulator; both see exactly the same behaviour.
/// </summary>
/// <remarks>
/// Asset ids are derived from the content (see <see cref="AssetIds"/>). With <see cref="MediaEngineOptions.DataDirectory"/>
/// everything persists; jobs found QUEUED or RUNNING when an engine starts on that directory are queued again and run
/// (their request and assets are on disk; the fault injector is not asked again).
/// </remarks>
public sealed class MediaEngine : IDisposable
{
    /// <summary>The largest upload accepted: 2 MiB.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    private readonly object _gate = new();
    private readonly MediaEngineOptions _options;
    private readonly JsonStateStore? _disk;
    private readonly AssetStore _assets;
    private readonly AssetCompiler _compiler;
    private readonly Dictionary<string, CompileJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _loadWarnings = [];
    private readonly JobRunner _runner;
    private bool _disposed;

    public MediaEngine(MediaEngineOptions? options = null)
    {
        _options = options ?? new MediaEngineOptions();
        _disk = _options.DataDirectory is { Length: > 0 } directory ? new JsonStateStore(directory) : null;
        _assets = new AssetStore(_disk, _loadWarnings);
        _compiler = new AssetCompiler(_options.FfmpegPath, _options.DecodeTimeout);
        var unfinished = LoadJobs();
        _runner = new JobRunner(_options.MaxConcurrentJobs, RunJobAsync);
        foreach (var job in unfinished)
        {
            _runner.Enqueue(job);
        }
    }

    public MediaEngineOptions Options => _options;

    /// <summary>
    /// State files of the data directory that could not be trusted when the engine started (IVR3301 warnings). They
    /// were set aside as <c>*.corrupt</c> and ignored.
    /// </summary>
    public IReadOnlyList<Diagnostic> LoadWarnings => _loadWarnings;

    /// <summary>Raised once when a job reaches COMPLETED or FAILED, with the job's webhook URL (may be null).</summary>
    public event Action<CompileJobStatus, string?>? JobFinished;

    /// <summary>
    /// Checks the upload with the same rules as the build and stores it by content hash. 201 for a new asset, 200 for
    /// one already held, 413 over 2 MiB, 400 for a rule broken or a declared hash that does not match the bytes.
    /// </summary>
    public UploadOutcome UploadAsset(string fileName, byte[] content, string? declaredContentHash)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(content);
        var name = string.IsNullOrWhiteSpace(fileName) ? string.Empty : Path.GetFileName(fileName.Trim());
        if (name.Length == 0)
        {
            return UploadError(400, DiagnosticCatalog.EngineFileNameMissing, null, "file");
        }

        if (content.LongLength > MaxUploadBytes)
        {
            return UploadError(413, DiagnosticCatalog.PromptTooLarge, name, "file", name, content.LongLength, MaxUploadBytes);
        }

        var hash = ContentHash.Of(content);
        if (declaredContentHash is not null)
        {
            if (!ContentHash.IsWellFormed(declaredContentHash.Trim().ToLowerInvariant()))
            {
                return UploadError(400, DiagnosticCatalog.EngineContentHashMalformed, name, "contentHash", name, declaredContentHash);
            }

            if (!string.Equals(declaredContentHash.Trim(), hash, StringComparison.OrdinalIgnoreCase))
            {
                return UploadError(400, DiagnosticCatalog.EngineContentHashMismatch, name, "contentHash", name, declaredContentHash, hash);
            }
        }

        var validation = PromptValidator.Validate(new MemoryStream(content, writable: false), name);
        if (!validation.IsValid)
        {
            var first = validation.Diagnostics.First(d => d.IsError);
            var details = validation.Diagnostics.Select(d => new ApiErrorDetail("file", d.Code, d.Message)).ToArray();
            return new UploadOutcome(400, null, new ApiError(first.Message, first.Code, 400, NewContextId(), details));
        }

        var id = AssetIds.FromContentHash(hash);
        var candidate = new MediaAssetDto(
            id,
            name,
            Path.GetExtension(name).TrimStart('.').ToLowerInvariant(),
            content.LongLength,
            validation.Probe.SampleRate,
            validation.Probe.Channels,
            hash,
            MediaApiRoutes.AssetPath(id),
            _options.TimeProvider.GetUtcNow());
        var (asset, created) = _assets.Add(candidate, content);
        return new UploadOutcome(created ? 201 : 200, asset, null);
    }

    public MediaAssetDto? GetAsset(string id)
    {
        ThrowIfDisposed();
        return string.IsNullOrEmpty(id) ? null : _assets.Get(id);
    }

    /// <summary>The asset holding content with this hash (at most one; any case of hex digits), or an empty list.</summary>
    public IReadOnlyList<MediaAssetDto> FindAssetsByContentHash(string contentHash)
    {
        ThrowIfDisposed();
        return _assets.FindByContentHash(contentHash);
    }

    /// <summary>Validates the request (400 details per bad field) and queues the job (202).</summary>
    public SubmitOutcome SubmitCompilation(CompileRequest request)
    {
        ThrowIfDisposed();
        var details = CompileRequestValidator.Validate(request, _assets.Contains, _options.KnownFlowIds);
        if (details.Count > 0)
        {
            var message = $"The compile request has {details.Count} problem(s): {string.Join(" ", details.Select(d => $"{d.Field ?? "body"}: {d.Message}"))}";
            return new SubmitOutcome(400, null, new ApiError(message, details[0].Code, 400, NewContextId(), details));
        }

        var id = Guid.NewGuid().ToString("D");
        var job = new CompileJob(id, request, request.Encoding!.Trim().ToLowerInvariant(), _options.TimeProvider.GetUtcNow());
        job.Fault = AskFaultInjector(new CompileRequestContext(id, request.FlowId!, request.CorrelationId, request.Media!.Count));
        lock (_gate)
        {
            _jobs[id] = job;
            _disk?.SaveJob(job.ToRecord());
        }

        _runner.Enqueue(job);
        return new SubmitOutcome(202, new CompileAccepted(id, CompileJobStates.Queued, MediaApiRoutes.CompilationPath(id)), null);
    }

    public CompileJobStatus? GetJob(string id)
    {
        ThrowIfDisposed();
        lock (_gate)
        {
            return id is not null && _jobs.TryGetValue(id, out var job) ? job.Snapshot() : null;
        }
    }

    /// <summary>
    /// Waits until the job is final (or the token is cancelled) and returns its status. Throws
    /// <see cref="KeyNotFoundException"/> for an unknown job. A job forgotten by <see cref="Reset"/> while waited on
    /// ends the wait with a FAILED status (IVR3012); <see cref="Dispose"/> ends it with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public Task<CompileJobStatus> WaitForJobAsync(string id, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        CompileJob? job;
        lock (_gate)
        {
            _jobs.TryGetValue(id ?? string.Empty, out job);
        }

        return job is null
            ? Task.FromException<CompileJobStatus>(new KeyNotFoundException($"The engine holds no compile job '{id}'."))
            : job.Finished.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The compiled WAV bytes of one result, addressed by its <c>downloadUri</c>
    /// (<c>/api/v2/media/compile/{jobId}/output/{escaped nodeId}</c>, with or without scheme and host); null when unknown.
    /// </summary>
    public byte[]? GetDownload(string downloadUri)
    {
        ThrowIfDisposed();
        if (!DownloadUris.TryParse(downloadUri, out var jobId, out var nodeId))
        {
            return null;
        }

        int index;
        lock (_gate)
        {
            // Served for every READY result, also those of a job that failed because another asset was rejected.
            if (!_jobs.TryGetValue(jobId, out var job) || !CompileJobStates.IsFinal(job.Status))
            {
                return null;
            }

            if (_disk is null)
            {
                return job.Outputs.TryGetValue(nodeId, out var bytes) ? (byte[])bytes.Clone() : null;
            }

            index = job.IndexOfNode(nodeId);
        }

        return index < 0 ? null : _disk.ReadOutput(jobId, index);
    }

    /// <summary>Forgets every asset, job and output (in memory and in the data directory).</summary>
    public void Reset()
    {
        ThrowIfDisposed();
        List<CompileJob> forgotten;
        lock (_gate)
        {
            forgotten = [.. _jobs.Values];
            _jobs.Clear();
            _assets.Clear();
            _disk?.Clear();
        }

        foreach (var job in forgotten)
        {
            job.Cancellation.Cancel();
            if (!job.Finished.Task.IsCompleted)
            {
                var interrupted = Diagnostic.Create(DiagnosticCatalog.EngineJobInterrupted, null, job.Id, "reset");
                job.Finished.TrySetResult(job.Snapshot() with
                {
                    Status = CompileJobStates.Failed,
                    CompletedDate = _options.TimeProvider.GetUtcNow(),
                    Message = interrupted.Message,
                });
            }
        }
    }

    public void Dispose()
    {
        List<CompileJob> jobs;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            jobs = [.. _jobs.Values];
        }

        foreach (var job in jobs)
        {
            job.Cancellation.Cancel();
        }

        _runner.Dispose();
        foreach (var job in jobs)
        {
            job.Finished.TrySetException(new ObjectDisposedException(nameof(MediaEngine), $"The engine stopped before compile job {job.Id} finished."));
        }
    }

    private async Task RunJobAsync(CompileJob job, CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, job.Cancellation.Token);
        var token = cancellation.Token;
        lock (_gate)
        {
            if (!IsCurrent(job) || token.IsCancellationRequested)
            {
                return;
            }

            job.Status = CompileJobStates.Running;
        }

        try
        {
            switch (job.Fault)
            {
                case JobFault.NeverFinish:
                    return; // stays RUNNING, without holding a worker, until reset or dispose
                case JobFault.Fail:
                    Finish(job, CompileJobStates.Failed, Diagnostic.Create(DiagnosticCatalog.EngineJobForcedFailure, null, job.Id).Message, [], []);
                    return;
            }

            var results = new List<CompileResult>(job.Media.Count);
            var outputs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (int i = 0; i < job.Media.Count; i++)
            {
                results.Add(await CompileEntryAsync(job, i, outputs, token).ConfigureAwait(false));
            }

            int rejected = results.Count(r => r.Status == CompileResultStates.Rejected);
            if (rejected > 0)
            {
                var message = Diagnostic.Create(DiagnosticCatalog.EngineJobAssetsRejected, null, job.Id, rejected, results.Count).Message;
                Finish(job, CompileJobStates.Failed, message, results, outputs);
            }
            else
            {
                Finish(job, CompileJobStates.Completed, $"Compiled {results.Count} asset(s) to {job.Encoding}.", results, outputs);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Reset or dispose: the job is forgotten, whoever waits has been told.
        }
        catch (Exception e)
        {
            // The data directory failed under us (disk full, permissions...): the job ends, it does not hang.
            var message = Diagnostic.Create(DiagnosticCatalog.EngineInternalError, null, $"job {job.Id}", $"{e.GetType().Name}: {e.Message}").Message;
            Finish(job, CompileJobStates.Failed, message, [], []);
        }
    }

    private async Task<CompileResult> CompileEntryAsync(CompileJob job, int index, Dictionary<string, byte[]> outputs, CancellationToken token)
    {
        var entry = job.Media[index];
        var assetId = entry.AssetId!;
        var nodeId = entry.NodeId!;
        var asset = _assets.Get(assetId);
        var content = _assets.ReadContent(assetId);
        var name = asset?.Name ?? assetId;
        CompiledAsset compiled;
        if (asset is null || content is null || !string.Equals(ContentHash.Of(content), asset.ContentHash, StringComparison.OrdinalIgnoreCase))
        {
            compiled = new CompiledAsset(null, Diagnostic.Create(DiagnosticCatalog.EngineAssetContentMissing, name, name, assetId, asset?.ContentHash ?? "(unknown)"));
        }
        else
        {
            compiled = await CompileSafelyAsync(content, name, job, token).ConfigureAwait(false);
        }

        if (compiled.Wav is null)
        {
            var error = compiled.Error!;
            return new CompileResult(assetId, nodeId, CompileResultStates.Rejected, job.Encoding, null, error.Code, error.Message);
        }

        if (_disk is not null)
        {
            _disk.SaveOutput(job.Id, index, compiled.Wav);
        }
        else
        {
            outputs[nodeId] = compiled.Wav;
        }

        return new CompileResult(assetId, nodeId, CompileResultStates.Ready, job.Encoding, DownloadUris.For(job.Id, nodeId), null, null);
    }

    /// <summary>No content may crash a job: anything unexpected rejects that asset with IVR3011.</summary>
    private async Task<CompiledAsset> CompileSafelyAsync(byte[] content, string name, CompileJob job, CancellationToken token)
    {
        var options = job.Request.Options ?? new CompileOptions();
        try
        {
            return await _compiler.CompileAsync(content, name, job.Law, options.NormalizeVolume, options.StripMetadata, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CompiledAsset(null, Diagnostic.Create(DiagnosticCatalog.EngineInternalError, name, name, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private void Finish(CompileJob job, string status, string message, IReadOnlyList<CompileResult> results, Dictionary<string, byte[]> outputs)
    {
        CompileJobStatus snapshot;
        lock (_gate)
        {
            if (!IsCurrent(job))
            {
                return;
            }

            job.Status = status;
            job.Message = message;
            job.Results = results;
            job.Outputs = outputs;
            job.CompletedDate = _options.TimeProvider.GetUtcNow();
            TrySaveFinalState(job);
            snapshot = job.Snapshot();
        }

        RaiseJobFinished(snapshot, job.Request.WebhookUrl);
        job.Finished.TrySetResult(snapshot);
    }

    /// <summary>
    /// A final state that cannot be written still counts in memory; on disk the job stays QUEUED and runs again after a
    /// restart, which is the safe side.
    /// </summary>
    private void TrySaveFinalState(CompileJob job)
    {
        try
        {
            _disk?.SaveJob(job.ToRecord());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // See above.
        }
    }

    private void RaiseJobFinished(CompileJobStatus status, string? webhookUrl)
    {
        foreach (var handler in JobFinished?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<CompileJobStatus, string?>)handler)(status, webhookUrl);
            }
            catch (Exception)
            {
                // A subscriber's failure (e.g. a webhook that cannot be sent) must not stop the job or other subscribers.
            }
        }
    }

    /// <summary>Loads persisted jobs; returns those that had not finished, to be run again.</summary>
    private List<CompileJob> LoadJobs()
    {
        var unfinished = new List<CompileJob>();
        if (_disk is null)
        {
            return unfinished;
        }

        foreach (var record in _disk.LoadJobs(_loadWarnings))
        {
            var job = CompileJob.FromRecord(record);
            _jobs[job.Id] = job;
            if (CompileJobStates.IsFinal(job.Status))
            {
                job.Finished.TrySetResult(job.Snapshot());
            }
            else
            {
                job.Status = CompileJobStates.Queued;
                unfinished.Add(job);
            }
        }

        return unfinished;
    }

    private JobFault AskFaultInjector(CompileRequestContext context)
    {
        try
        {
            return _options.JobFaults?.Invoke(context) ?? JobFault.None;
        }
        catch (Exception)
        {
            // A broken injector means no fault, not a lost submission.
            return JobFault.None;
        }
    }

    private bool IsCurrent(CompileJob job) => _jobs.TryGetValue(job.Id, out var current) && ReferenceEquals(current, job);

    private static UploadOutcome UploadError(int status, DiagnosticDescriptor descriptor, string? file, string field, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, file, args);
        var detail = new ApiErrorDetail(field, diagnostic.Code, diagnostic.Message);
        return new UploadOutcome(status, null, new ApiError(diagnostic.Message, diagnostic.Code, status, NewContextId(), [detail]));
    }

    private static string NewContextId() => Guid.NewGuid().ToString("D");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}

/// <summary>The result of an upload: the HTTP status the API answers, and the asset or the error.</summary>
public sealed record UploadOutcome(int Status, MediaAssetDto? Asset, ApiError? Error)
{
    public bool Created => Status == 201;
}

/// <summary>The result of a compile submission: 202 with the accepted job, or 400 with a detail per bad field.</summary>
public sealed record SubmitOutcome(int Status, CompileAccepted? Accepted, ApiError? Error);
