namespace MediaCompiler.Pipeline;

/// <summary>One line of the audit log: what one compile job of one build did. Written as camelCase JSON.</summary>
public sealed record AuditRecord
{
    public required string CorrelationId { get; init; }
    public string? CompilationId { get; init; }
    public required string FlowId { get; init; }
    public required string Engine { get; init; }
    public required string Encoding { get; init; }
    public int AssetCount { get; init; }
    public int Uploaded { get; init; }
    public int Reused { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public double? SubmitLatencyMs { get; init; }
    public double TotalDurationMs { get; init; }

    /// <summary>COMPLETED, FAILED, TIMEOUT, CANCELLED, ERROR (the engine could not be reached) or UP_TO_DATE (every output from the prompt cache, no request).</summary>
    public required string Status { get; init; }

    public IReadOnlyList<AuditFailure> Failures { get; init; } = [];

    /// <summary>The platform's own counts (Genesys Cloud: created, updated, uploaded, unchanged, deleted, requests, rateLimitWaits); null for the media API.</summary>
    public IReadOnlyDictionary<string, int>? Counts { get; init; }
}

/// <summary>A prompt the job rejected, or the job-level reason it failed (NodeId and File null).</summary>
public sealed record AuditFailure(string? NodeId, string? File, string Code, string Message);
