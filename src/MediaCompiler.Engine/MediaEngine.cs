using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Assets;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Outputs;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine;

/// <summary>
/// The media engine: a content-addressed asset store and asynchronous compile jobs that decode each asset and
/// convert it to G.711 (mu-law or A-law), 8 kHz mono WAV. Thread-safe. Knows no HTTP: it answers with domain outcomes
/// (<see cref="UploadOutcome"/>, <see cref="SubmitOutcome"/>, job states), which the emulator maps to status codes and
/// the in-process client to the same exceptions the HTTP client throws.
/// </summary>
/// <remarks>
/// This class is the façade; the work is in <see cref="AssetIntake"/> (uploads), <see cref="JobTable"/> and
/// <see cref="JobExecutor"/> (jobs), <see cref="OutputReader"/> (downloads). Asset ids are derived from the content
/// (see <see cref="AssetIds"/>). With <see cref="MediaEngineOptions.DataDirectory"/> everything persists; jobs found
/// QUEUED or RUNNING when an engine starts on that directory are queued again and run.
/// </remarks>
public sealed class MediaEngine : IDisposable
{
    /// <summary>The largest upload accepted: 2 MiB.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    private readonly MediaEngineOptions _options;
    private readonly JsonStateStore? _disk;
    private readonly AssetStore _assets;
    private readonly AssetIntake _intake;
    private readonly JobTable _jobs;
    private readonly OutputReader _outputs;
    private readonly IncidentReporter _incidents;
    private readonly List<Diagnostic> _loadWarnings = [];
    private readonly JobRunner _runner;
    private readonly OutputCatalog _catalog = new();
    private readonly DataDirectoryLock? _directoryLock;
    private readonly List<CompileJob> _toResume;
    private int _resumed;
    private int _disposed;

    public MediaEngine(MediaEngineOptions? options = null)
        : this(options, compiler: null)
    {
    }

    /// <summary>Tests pass a compiler that holds a job in progress for as long as they need.</summary>
    internal MediaEngine(MediaEngineOptions? options, IAssetCompiler? compiler)
    {
        _options = options ?? new MediaEngineOptions();
        _incidents = new IncidentReporter(_options.OnIncident);
        // Taken before the store touches anything: it deletes temp files, which may be another engine's uploads.
        _directoryLock = _options.DataDirectory is { Length: > 0 } held ? DataDirectoryLock.Acquire(held) : null;
        _disk = _options.DataDirectory is { Length: > 0 } directory ? new JsonStateStore(directory) : null;
        _assets = new AssetStore(_disk, _loadWarnings);
        _intake = new AssetIntake(_assets, _options.TimeProvider);
        _jobs = new JobTable(_disk, _incidents, _options.TimeProvider);
        _outputs = new OutputReader(_jobs, _disk);
        var executor = new JobExecutor(_jobs, _assets, _disk, compiler ?? new AssetCompiler(_options.FfmpegPath, _options.DecodeTimeout, _options.TargetSpeechLevelDbov),
            _catalog, _outputs, _incidents, Announce, _options.MaxParallelEntries);
        _toResume = _jobs.Load(_loadWarnings);
        foreach (var finished in _jobs.All().Where(j => CompileJobStates.IsFinal(j.Status)))
        {
            _catalog.Learn(finished.Id, finished.Encoding, finished.Request.Options, finished.Results);
        }

        _runner = new JobRunner(_options.MaxConcurrentJobs, executor.RunAsync, _incidents);
        if (_options.ResumeOnStart)
        {
            ResumeUnfinishedJobs();
        }
    }

    /// <summary>
    /// Queues the jobs found QUEUED or RUNNING in the data directory (once; later calls do nothing). A host that
    /// announces job endings (webhooks) subscribes to <see cref="JobFinished"/> first and then calls this, with
    /// <see cref="MediaEngineOptions.ResumeOnStart"/> false: a resumed job may finish before a later subscriber exists.
    /// </summary>
    public void ResumeUnfinishedJobs()
    {
        if (Interlocked.Exchange(ref _resumed, 1) != 0)
        {
            return;
        }

        foreach (var job in _toResume)
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

    /// <summary>How many failures the engine has survived so far (see <see cref="EngineIncident"/>).</summary>
    public int IncidentCount => _incidents.Count;

    /// <summary>Raised once when a job reaches COMPLETED or FAILED, with the job's webhook URL (may be null).</summary>
    public event Action<CompileJobStatus, string?>? JobFinished;

    /// <summary>
    /// Checks the upload with the same rules as the build and stores it by content hash: added, already held, or
    /// rejected (too large over 2 MiB; invalid for a rule broken or a declared hash that does not match the bytes).
    /// </summary>
    public UploadOutcome UploadAsset(string fileName, byte[] content, string? declaredContentHash)
    {
        ThrowIfDisposed();
        return _intake.Upload(fileName, content, declaredContentHash);
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

    /// <summary>
    /// Which of these content hashes the engine holds, in one answer; an asset whose stored bytes no longer match its
    /// hash counts as missing (so the client uploads it again, which repairs it). Refused when a hash is malformed or
    /// there are more than <see cref="AssetLookupRequest.MaxHashes"/>.
    /// </summary>
    public LookupOutcome LookupAssets(IReadOnlyList<string>? contentHashes)
    {
        ThrowIfDisposed();
        return AssetLookup.Run(_assets, contentHashes);
    }

    /// <summary>Validates the request (a rejection with one detail per bad field) and queues the job.</summary>
    public SubmitOutcome SubmitCompilation(CompileRequest request)
    {
        ThrowIfDisposed();
        if (SubmissionCaps.Check(request, _options, _jobs) is { } refused)
        {
            return new SubmitOutcome(null, refused);
        }

        var details = CompileRequestValidator.Validate(request, _assets.Contains, _options.KnownFlowIds);
        if (details.Count > 0)
        {
            var message = $"The compile request has {details.Count} problem(s): {string.Join(" ", details.Select(d => $"{d.Field ?? "body"}: {d.Message}"))}";
            return new SubmitOutcome(null, new EngineRejection(RejectionReason.Invalid, details[0].Code, message, details));
        }

        var id = Guid.NewGuid().ToString("D");
        var job = new CompileJob(id, request, request.Encoding!.Trim().ToLowerInvariant(), _options.TimeProvider.GetUtcNow());
        _jobs.Add(job);
        _runner.Enqueue(job);
        return new SubmitOutcome(new CompileAccepted(id, CompileJobStates.Queued, MediaApiRoutes.CompilationPath(id)), null);
    }

    public CompileJobStatus? GetJob(string id)
    {
        ThrowIfDisposed();
        return _jobs.Snapshot(id);
    }

    /// <summary>
    /// The job's status once it is final, or as it stands when <paramref name="wait"/> has passed on the engine's clock,
    /// whichever comes first; null when the engine holds no such job. What a status request with <c>Prefer: wait</c>
    /// answers: the ending is known the moment it happens, with one request instead of a poll every few milliseconds.
    /// </summary>
    public async Task<CompileJobStatus?> GetJobAsync(string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (wait > TimeSpan.Zero && _jobs.Find(id) is { } job)
        {
            try
            {
                await job.Finished.Task.WaitAsync(wait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Still running when the wait is over: answered as it stands.
            }
        }
        return GetJob(id);
    }

    /// <summary>
    /// Waits until the job is final (or the token is cancelled) and returns its status. Throws
    /// <see cref="KeyNotFoundException"/> for an unknown job. A job forgotten by <see cref="Reset"/> while waited on
    /// ends the wait with a FAILED status (IVR3012); <see cref="Dispose"/> ends it with <see cref="ObjectDisposedException"/>.
    /// </summary>
    public Task<CompileJobStatus> WaitForJobAsync(string id, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _jobs.Find(id) is { } job
            ? job.Finished.Task.WaitAsync(cancellationToken)
            : Task.FromException<CompileJobStatus>(new KeyNotFoundException($"The engine holds no compile job '{id}'."));
    }

    /// <summary>
    /// The compiled WAV bytes of one result, addressed by its <c>downloadUri</c>
    /// (<c>/api/v2/media/compile/{jobId}/output/{escaped nodeId}</c>, with or without scheme and host); null when unknown.
    /// </summary>
    public byte[]? GetDownload(string downloadUri) => ReadOutput(downloadUri) is OutputRead.Found found ? found.Bytes : null;

    /// <summary>
    /// Reads one compiled output by its download address, checked against the result's outputHash: a damaged output
    /// is reported (IVR3405), never handed out, and no later job reuses it.
    /// </summary>
    public OutputRead ReadOutput(string downloadUri)
    {
        ThrowIfDisposed();
        return _outputs.Read(downloadUri);
    }

    /// <summary>One compiled output by job and node id (the archive route), checked like <see cref="ReadOutput(string)"/>.</summary>
    public OutputRead ReadOutput(string jobId, string nodeId)
    {
        ThrowIfDisposed();
        return _outputs.Read(jobId, nodeId);
    }

    /// <summary>Forgets every asset, job and output (in memory and in the data directory).</summary>
    public void Reset()
    {
        ThrowIfDisposed();
        var forgotten = _jobs.RemoveAll(() =>
        {
            _assets.Clear();
            _catalog.Clear();
            _disk?.Clear();
        });

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
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var jobs = _jobs.All();
        foreach (var job in jobs)
        {
            job.Cancellation.Cancel();
        }

        _runner.Dispose();
        foreach (var job in jobs)
        {
            job.Finished.TrySetException(new ObjectDisposedException(nameof(MediaEngine), $"The engine stopped before compile job {job.Id} finished."));
        }

        _directoryLock?.Dispose();
    }

    /// <summary>Tells every subscriber; one that throws is an incident and does not stop the job or the others.</summary>
    private void Announce(CompileJobStatus status, string? webhookUrl)
    {
        foreach (var handler in JobFinished?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<CompileJobStatus, string?>)handler)(status, webhookUrl);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _incidents.Report($"a JobFinished subscriber for compile job {status.Id}", e);
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
