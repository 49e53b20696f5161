namespace MediaCompiler.Pipeline.Steps;

/// <summary>What every step of one run shares: settings, log, clock, the failure collector and the correlation id.</summary>
public sealed record RunContext(
    PipelineSettings Settings,
    IPipelineLog Log,
    TimeProvider Time,
    FailureCollector Failures,
    string CorrelationId)
{
    /// <summary>The project's prompt cache, for a platform that keeps per-prompt work of its own (a conversion); null: none.</summary>
    public MediaCompiler.Pipeline.Caching.PromptCache? Cache { get; init; }

    /// <summary>Light requests (look-ups, downloads) in flight at once; never fewer than uploads.</summary>
    public int LightRequestParallelism => Math.Max(Settings.MaxParallelRequests, Settings.MaxParallelUploads);
}
