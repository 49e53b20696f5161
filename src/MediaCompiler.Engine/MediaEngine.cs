using MediaCompiler.Engine.Api;

namespace MediaCompiler.Engine;

/// <summary>
/// The media engine: a content-addressed asset store and asynchronous compile jobs that decode each asset and
/// convert it to G.711 (mu-law or A-law), 8 kHz mono WAV. Thread-safe. Hosted in-process by the build and behind
/// HTTP by the emulator; both see exactly the same behaviour.
/// </summary>
public sealed class MediaEngine : IDisposable
{
    public MediaEngine(MediaEngineOptions? options = null) => throw new NotImplementedException();

    public MediaEngineOptions Options => throw new NotImplementedException();

    /// <summary>Raised once when a job reaches COMPLETED or FAILED, with the job's webhook URL (may be null).</summary>
    public event Action<CompileJobStatus, string?>? JobFinished { add => throw new NotImplementedException(); remove => throw new NotImplementedException(); }

    /// <summary>
    /// Checks the upload with the same rules as the build and stores it by content hash. 201 for a new asset, 200 for
    /// one already held, 413 over 2 MiB, 400 for a rule broken or a declared hash that does not match the bytes.
    /// </summary>
    public UploadOutcome UploadAsset(string fileName, byte[] content, string? declaredContentHash) => throw new NotImplementedException();

    public MediaAssetDto? GetAsset(string id) => throw new NotImplementedException();

    public IReadOnlyList<MediaAssetDto> FindAssetsByContentHash(string contentHash) => throw new NotImplementedException();

    /// <summary>Validates the request (400 details per bad field) and queues the job (202).</summary>
    public SubmitOutcome SubmitCompilation(CompileRequest request) => throw new NotImplementedException();

    public CompileJobStatus? GetJob(string id) => throw new NotImplementedException();

    /// <summary>Waits until the job is final (or the token is cancelled) and returns its status.</summary>
    public Task<CompileJobStatus> WaitForJobAsync(string id, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The compiled WAV bytes of one result, addressed by its <c>downloadUri</c>; null when unknown.</summary>
    public byte[]? GetDownload(string downloadUri) => throw new NotImplementedException();

    /// <summary>Forgets every asset, job and output (in memory and in the data directory).</summary>
    public void Reset() => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}

/// <summary>The result of an upload: the HTTP status the API answers, and the asset or the error.</summary>
public sealed record UploadOutcome(int Status, MediaAssetDto? Asset, ApiError? Error)
{
    public bool Created => Status == 201;
}

/// <summary>The result of a compile submission: 202 with the accepted job, or 400 with a detail per bad field.</summary>
public sealed record SubmitOutcome(int Status, CompileAccepted? Accepted, ApiError? Error);
