using System.Collections.Concurrent;
using MediaCompiler.Audio;
using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Storage;

namespace MediaCompiler.Build.Tests.Support;

/// <summary>What the fake engine does with a submitted job.</summary>
public enum FakeJobOutcome
{
    Complete,
    Fail,
    NeverFinish,
}

/// <summary>
/// An in-memory media engine that counts every call, for pipeline tests that need outcomes the real engine cannot
/// be asked for directly (a rejection at compile time, a job that never ends, an asset that disappears).
/// </summary>
public sealed class FakeMediaEngineClient : IMediaEngineClient
{
    private readonly ConcurrentDictionary<string, MediaAssetDto> _assets = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private int _nextId;

    public string Description => "fake engine";

    public FakeJobOutcome JobOutcome { get; set; } = FakeJobOutcome.Complete;

    /// <summary>NodeIds the compile job rejects, with the engine's code and message.</summary>
    public Dictionary<string, (string Code, string Message)> Rejections { get; } = new();

    public CompileRequest? LastRequest { get; private set; }

    /// <summary>Rewrites each job status before it is returned, to script a malformed answer.</summary>
    public Func<CompileJobStatus, CompileJobStatus>? RewriteStatus { get; set; }

    public bool Disposed { get; private set; }

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Pretends the engine already holds this file (uploaded by another build or machine).</summary>
    public MediaAssetDto Hold(string path) => Store(path, ContentHash.OfFile(path));

    /// <summary>Forgets an asset, as an engine that expires assets would.</summary>
    public void Forget(string assetId) => _assets.TryRemove(assetId, out _);

    public IReadOnlyCollection<MediaAssetDto> Assets => _assets.Values.ToArray();

    private void Count(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);

    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new();

    /// <summary>How long look-ups and uploads take, so that tests can see how many run at once.</summary>
    public TimeSpan CallDelay { get; set; }

    /// <summary>The most calls of <paramref name="method"/> that were ever in flight together.</summary>
    public int MaxInFlight(string method) => _maxInFlight.GetValueOrDefault(method);

    private async Task SimulateLatencyAsync(string method, CancellationToken cancellationToken)
    {
        if (CallDelay <= TimeSpan.Zero)
        {
            return;
        }
        var now = _inFlight.AddOrUpdate(method, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(method, now, (_, max) => Math.Max(max, now));
        try
        {
            await Task.Delay(CallDelay, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.AddOrUpdate(method, 0, (_, n) => n - 1);
        }
    }

    private MediaAssetDto Store(string path, string hash)
    {
        var id = $"asset-{Interlocked.Increment(ref _nextId)}";
        var asset = new MediaAssetDto(id, Path.GetFileName(path), "wav", new FileInfo(path).Length, 8000, 1, hash,
            $"/api/v2/media/assets/{id}", DateTimeOffset.UnixEpoch);
        _assets[id] = asset;
        return asset;
    }

    public Task<MediaAssetDto?> GetAssetAsync(string assetId, CancellationToken cancellationToken)
    {
        Count(nameof(GetAssetAsync));
        return Task.FromResult(_assets.GetValueOrDefault(assetId));
    }

    public async Task<IReadOnlyList<MediaAssetDto>> FindAssetsByContentHashAsync(string contentHash, CancellationToken cancellationToken)
    {
        Count(nameof(FindAssetsByContentHashAsync));
        await SimulateLatencyAsync(nameof(FindAssetsByContentHashAsync), cancellationToken);
        return _assets.Values.Where(a => a.ContentHash == contentHash).ToArray();
    }

    public async Task<MediaAssetDto> UploadAssetAsync(string filePath, string contentHash, CancellationToken cancellationToken)
    {
        Count(nameof(UploadAssetAsync));
        await SimulateLatencyAsync(nameof(UploadAssetAsync), cancellationToken);
        return Store(filePath, contentHash);
    }

    /// <summary>
    /// A media API 2.3 engine: one call (and one latency) per batch. <c>Calls("UploadAssetAsync")</c> still counts
    /// the files stored; <c>Calls("UploadAssetsAsync")</c> the requests.
    /// </summary>
    public async Task<IReadOnlyList<AssetUploadOutcome>> UploadAssetsAsync(IReadOnlyList<AssetUpload> uploads, CancellationToken cancellationToken)
    {
        Count(nameof(UploadAssetsAsync));
        await SimulateLatencyAsync(nameof(UploadAssetsAsync), cancellationToken);
        return uploads.Select(u =>
        {
            Count(nameof(UploadAssetAsync));
            return new AssetUploadOutcome(Store(u.FilePath, u.ContentHash), null);
        }).ToArray();
    }

    public Task<CompileAccepted> SubmitCompilationAsync(CompileRequest request, CancellationToken cancellationToken)
    {
        Count(nameof(SubmitCompilationAsync));
        LastRequest = request;
        return Task.FromResult(new CompileAccepted("job-1", CompileJobStates.Queued, "/api/v2/media/compile/job-1"));
    }

    /// <summary>How long the last status request asked the engine to hold its answer (null: it asked for none).</summary>
    public TimeSpan? LastStatusWait { get; private set; }

    /// <summary>Answers at once, as an engine without the long poll does; records the wait asked for.</summary>
    public Task<CompileJobStatus> WaitForCompilationAsync(string compilationId, TimeSpan wait, CancellationToken cancellationToken)
    {
        LastStatusWait = wait;
        return GetCompilationAsync(compilationId, cancellationToken);
    }

    public Task<CompileJobStatus> GetCompilationAsync(string compilationId, CancellationToken cancellationToken)
    {
        Count(nameof(GetCompilationAsync));
        var request = LastRequest!;
        var status = JobOutcome switch
        {
            FakeJobOutcome.Complete => CompileJobStates.Completed,
            FakeJobOutcome.Fail => CompileJobStates.Failed,
            _ => CompileJobStates.Running,
        };
        var results = status == CompileJobStates.Running
            ? []
            : request.Media!.Select(m => Rejections.TryGetValue(m.NodeId!, out var rejection)
                ? new CompileResult(m.AssetId!, m.NodeId!, CompileResultStates.Rejected, request.Encoding!, null, rejection.Code, rejection.Message)
                : new CompileResult(m.AssetId!, m.NodeId!, CompileResultStates.Ready, request.Encoding!, $"/downloads/{m.NodeId}.wav", null, null))
                .ToArray();
        var job = new CompileJobStatus(compilationId, request.FlowId!, request.CorrelationId, status,
            DateTimeOffset.UnixEpoch, null, status == CompileJobStates.Failed ? "forced failure" : null, results);
        return Task.FromResult(RewriteStatus?.Invoke(job) ?? job);
    }

    public async Task DownloadAsync(string downloadUri, string destinationPath, CancellationToken cancellationToken)
    {
        Count(nameof(DownloadAsync));
        // As every client does (IMediaEngineClient.DownloadAsync): a new file renamed into place, never a write into
        // the old one, whose bytes the prompt cache may share.
        await AtomicFile.WriteAsync(destinationPath, (stream, token) => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"compiled {downloadUri}"), token).AsTask(), cancellationToken);
    }

    public void Dispose() => Disposed = true;
}
