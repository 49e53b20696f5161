namespace MediaCompiler.Pipeline;

/// <summary>
/// The build's settings exactly as the MSBuild properties spell them. Everything is a string on purpose: MSBuild's
/// own conversion of a bad "abc" into an int fails with a generic task error, while <see cref="SettingsParser"/> turns
/// it into a coded IVR2xxx diagnostic that names the property and the fix.
/// </summary>
public sealed record RawBuildSettings
{
    public string? FlowId { get; init; }
    public string? Encoding { get; init; }
    public string? WebhookUrl { get; init; }
    public string? EnableOptimization { get; init; }
    public string? StripMetadata { get; init; }
    public string? NormalizeVolume { get; init; }
    public string? MaxChannels { get; init; }
    public string? CompileTimeout { get; init; }
    public string? SyncTimeout { get; init; }
    public string? MaxParallelUploads { get; init; }
    public string? EngineUrl { get; init; }
    public string? ValidateOnly { get; init; }
    public string? PlanOnly { get; init; }
    public string? PlanFile { get; init; }
    public string? DownloadCompiledPrompts { get; init; }

    /// <summary>Where compiled prompts are written (<c>&lt;NodeId&gt;.wav</c>).</summary>
    public string? CompiledPromptsDirectory { get; init; }

    public string? AuditLogPath { get; init; }
    public string? CacheDirectory { get; init; }
    public string? PromptCacheSize { get; init; }

    // The prompt quality checks (see SettingsParser.Quality.cs).
    public string? QualityChecks { get; init; }
    public string? TargetSpeechLevel { get; init; }
    public string? SpeechLevelTolerance { get; init; }
    public string? MaxClippedSamples { get; init; }
    public string? MaxLeadingSilence { get; init; }
    public string? MaxTrailingSilence { get; init; }
    public string? MaxDcOffset { get; init; }
    public string? MaxPromptSeconds { get; init; }
    public string? MaxLevelSpread { get; init; }

    /// <summary>IvrPlatform: MediaApi (default) or GenesysCloud.</summary>
    public string? Platform { get; init; }
}
