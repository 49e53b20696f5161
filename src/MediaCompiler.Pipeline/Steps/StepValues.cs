using MediaCompiler.Contract;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// What resolving assets produced: the content hash of each prompt (by position), the asset per distinct hash, and
/// how many were uploaded or reused. <see cref="Assets"/> is null when any prompt could not be resolved (reported).
/// </summary>
public sealed record AssetResolution(
    IReadOnlyList<string> Hashes,
    IReadOnlyDictionary<string, MediaAssetDto>? Assets,
    int Uploaded,
    int Reused)
{
    public static AssetResolution Failed(IReadOnlyList<string> hashes, int uploaded, int reused) => new(hashes, null, uploaded, reused);
}

/// <summary>A prompt whose compiled result is READY, with that result.</summary>
public sealed record ReadyPrompt(ValidatedPrompt Prompt, CompileResult Result);

/// <summary>A compiled prompt saved to disk.</summary>
public sealed record DownloadedPrompt(ValidatedPrompt Prompt, string Path, long Bytes);

/// <summary>What the engine was told and when: for the audit line.</summary>
public sealed record Submission(string CompilationId, DateTimeOffset SubmittedAt, double SubmitLatencyMs);

/// <summary>
/// How compiling ended. Explicit, so that no step signals an ending with an exception: completed (the job's results
/// are there), failed (the job FAILED, or an engine call failed and <see cref="Failed.Job"/> is null), timed out
/// (IvrCompileTimeout passed), cancelled (Ctrl+C).
/// </summary>
public abstract record CompileOutcome(Submission? Submission)
{
    /// <summary>The audit log's status word.</summary>
    public abstract string AuditStatus { get; }

    public sealed record Completed(Submission Sent, CompileJobStatus Job) : CompileOutcome(Sent)
    {
        public override string AuditStatus => Job.Status;
    }

    public sealed record Failed(Submission? Sent, CompileJobStatus? Job) : CompileOutcome(Sent)
    {
        public override string AuditStatus => Job?.Status ?? "ERROR";
    }

    public sealed record TimedOut(Submission Sent, string LastStatus) : CompileOutcome(Sent)
    {
        public override string AuditStatus => "TIMEOUT";
    }

    public sealed record Cancelled(Submission? Sent) : CompileOutcome(Sent)
    {
        public override string AuditStatus => "CANCELLED";
    }

    /// <summary>Nothing to compile: every prompt's output came back from the prompt cache, no request was made.</summary>
    public sealed record UpToDate() : CompileOutcome((Submission?)null)
    {
        public override string AuditStatus => "UP_TO_DATE";
    }
}
