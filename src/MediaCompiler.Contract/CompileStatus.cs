namespace MediaCompiler.Contract;

/// <summary>Job states, as the wire spells them.</summary>
public static class CompileJobStates
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";

    public static bool IsFinal(string status) => status is Completed or Failed;
}

/// <summary>Per-asset result states.</summary>
public static class CompileResultStates
{
    public const string Ready = "READY";
    public const string Rejected = "REJECTED";
}

/// <summary>The answer of an accepted <c>POST /api/v2/media/compile</c> (202).</summary>
public sealed record CompileAccepted(string Id, string Status, string SelfUri);

/// <summary>The answer of <c>GET /api/v2/media/compile/{id}</c>.</summary>
public sealed record CompileJobStatus(
    string Id,
    string FlowId,
    string? CorrelationId,
    string Status,
    DateTimeOffset SubmittedDate,
    DateTimeOffset? CompletedDate,
    string? Message,
    IReadOnlyList<CompileResult> Results);

/// <summary>
/// What became of one asset of a job. <see cref="Warnings"/> is optional (older engines omit it): what compiling a
/// READY asset had to do that its owner should know, e.g. that normalisation was limited to avoid clipping.
/// </summary>
public sealed record CompileResult(
    string AssetId,
    string NodeId,
    string Status,
    string Encoding,
    string? DownloadUri,
    string? ErrorCode,
    string? Message,
    IReadOnlyList<CompileWarning>? Warnings = null)
{
    /// <summary>
    /// Media API 2.1: <c>sha256:...</c> of the compiled WAV behind <see cref="DownloadUri"/> (READY results only), so a
    /// client that already has those bytes need not download them again. Null from older engines.
    /// </summary>
    public string? OutputHash { get; init; }
}

/// <summary>One warning on a compile result: the engine's code (IVR####) and its message.</summary>
public sealed record CompileWarning(string Code, string Message);

/// <summary>What the engine POSTs to a job's webhookUrl when it ends (signed with X-Media-Signature).</summary>
public sealed record WebhookPayload(
    string CompilationId,
    string? CorrelationId,
    string Status,
    IReadOnlyList<CompileResult> Results,
    string? Message,
    DateTimeOffset Timestamp);
