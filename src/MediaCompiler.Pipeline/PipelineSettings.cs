using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Contract;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Pipeline;

/// <summary>The build's settings, checked and defaulted by <see cref="SettingsParser"/>.</summary>
public sealed record PipelineSettings
{
    public string FlowId { get; init; } = "";
    public string Encoding { get; init; } = BuildDefaults.Encoding;
    public string? WebhookUrl { get; init; }
    public CompileOptions Options { get; init; } = new();
    public TimeSpan CompileTimeout { get; init; } = BuildDefaults.CompileTimeout;

    /// <summary>IvrSyncTimeout: the deadline of the whole network phase, whatever the retries and waits.</summary>
    public TimeSpan SyncTimeout { get; init; } = BuildDefaults.SyncTimeout;
    /// <summary>Uploads in flight at once: the heavy requests, limited so a build doesn't saturate a shared engine.</summary>
    public int MaxParallelUploads { get; init; } = BuildDefaults.MaxParallelUploads;

    /// <summary>
    /// Light requests in flight at once (asset look-ups, downloads of compiled prompts). Each is a small GET whose time
    /// is mostly round trip, so running more of them than uploads hides latency; 429s are still honoured by the client.
    /// Never fewer than <see cref="MaxParallelUploads"/>.
    /// </summary>
    public int MaxParallelRequests { get; init; } = BuildDefaults.MaxParallelRequests;
    public EngineConnection Engine { get; init; } = EngineConnection.InProcess;
    public bool ValidateOnly { get; init; }

    /// <summary>IvrPlanOnly: say what a run would change, from read requests only, and change nothing.</summary>
    public bool PlanOnly { get; init; }

    /// <summary>IvrPlanFile: where to write the plan as JSON (full path); null: printed only.</summary>
    public string? PlanFile { get; init; }

    /// <summary>Where compiled prompts are saved as <c>&lt;NodeId&gt;.wav</c>; null: not downloaded.</summary>
    public string? CompiledPromptsDirectory { get; init; }

    /// <summary>The prompt cache's folder (checks and compiled outputs per source and settings); null: no cache.</summary>
    public string? PromptCacheDirectory { get; init; }

    /// <summary>The prompt cache's size cap (IvrPromptCacheSize); least recently used entries go beyond it.</summary>
    public long PromptCacheMaxBytes { get; init; } = BuildDefaults.PromptCacheSizeMegabytes * 1024L * 1024L;

    /// <summary>The JSON-lines audit log; null: no audit.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>First delay between status polls; doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan InitialPollInterval { get; init; } = BuildDefaults.InitialPollInterval;

    public TimeSpan MaxPollInterval { get; init; } = BuildDefaults.MaxPollInterval;

    /// <summary>
    /// Whether the quality step decodes each prompt and checks it (IvrQualityChecks). The target speech level it checks
    /// against is also what normalizeVolume aims at (<see cref="CompileOptions.TargetSpeechLevelDbov"/>).
    /// </summary>
    public bool QualityChecks { get; init; } = BuildDefaults.QualityChecks;

    /// <summary>The limits of the quality checks (IvrTargetSpeechLevel ... IvrMaxLevelSpread).</summary>
    public QualityThresholds Quality { get; init; } = BuildDefaults.Quality;

    /// <summary>IvrPlatform: where prompts go.</summary>
    public TargetPlatform Platform { get; init; } = TargetPlatform.MediaApi;

    /// <summary>The platform's own settings (parsed by its project); null for the media API (<see cref="Engine"/>).</summary>
    public PlatformSettings? PlatformSettings { get; init; }

    /// <summary>The platform's rules, as <c>ivr-media</c> resolves them from the same settings.</summary>
    public PromptPlatform Rules => PromptPlatform.For(Platform, PlatformSettings?.ConvertAudio ?? true);

    /// <summary>The content checks: on or off, their limits, and whether the platform levels the audio (normalizeVolume).</summary>
    public QualitySettings QualityChecking => new(QualityChecks, Quality, Options.NormalizeVolume);
}
