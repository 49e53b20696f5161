namespace MediaCompiler.Pipeline.Steps;

/// <summary>What every step of one run shares: settings, log, clock, the failure collector and the correlation id.</summary>
public sealed record RunContext(
    PipelineSettings Settings,
    IPipelineLog Log,
    TimeProvider Time,
    FailureCollector Failures,
    string CorrelationId)
{
    /// <summary>Light requests (look-ups, downloads) in flight at once; never fewer than uploads.</summary>
    public int LightRequestParallelism => Math.Max(Settings.MaxParallelRequests, Settings.MaxParallelUploads);
}
