using System.Globalization;
using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Every default of the build's settings, in one place. The package's build/MediaCompiler.Build.props declares the
/// same values for MSBuild, and docs/msbuild.md documents them; a test evaluates the .props and parses the docs'
/// tables so that the three cannot drift apart.
/// </summary>
public static class BuildDefaults
{
    public const string Encoding = "ulaw";
    public const bool EnableOptimization = true;
    public const bool StripMetadata = true;
    public const bool NormalizeVolume = true;
    public const int MaxChannels = 1;
    /// <summary>
    /// The most uploads in flight at once. The build starts at <see cref="InitialParallelUploads"/> and moves between 1
    /// and this as the server's answers allow (MediaCompiler.Http.AdaptiveConcurrency): a ceiling, not a fixed number.
    /// 32: against a server answering in 20 ms, 200 cold uploads took ~430 ms under a ceiling of 16 and ~290 ms under
    /// 32 (64: ~250 ms); a server that queues is answered by the halving long before either.
    /// </summary>
    public const int MaxParallelUploads = 32;

    /// <summary>
    /// Uploads in flight when a build starts, before the server's answers say more (or fewer) are welcome. 16 (was 4):
    /// the first round of uploads pays each new connection's set-up, and starting at 4 spent two more round trips
    /// doubling to 16; 200 cold uploads at 20 ms took 222–237 ms against 258–284 ms. A server that cannot take 16 says
    /// so in the first round's answers (slow ones, a 429), and the limit halves.
    /// </summary>
    public const int InitialParallelUploads = 16;

    /// <summary>
    /// The most prompts sent in one upload request (media API 2.3's batch upload; the engine takes up to 64). A cold
    /// build spreads its uploads over <see cref="InitialParallelUploads"/> requests, so that 200 small prompts go in one
    /// round of 16 requests instead of seven rounds of single uploads; 32 keeps a retried request small.
    /// </summary>
    public const int MaxPromptsPerUpload = 32;

    /// <summary>
    /// The most bytes of audio in one upload request: half the engine's body limit (2 MiB and its envelope), so that a
    /// batch is never refused for its size; a larger prompt goes alone.
    /// </summary>
    public const long MaxUploadBatchBytes = 1024 * 1024;

    /// <summary>Light requests (look-ups, downloads) in flight at once; not an MSBuild property.</summary>
    public const int MaxParallelRequests = 16;
    public const bool ValidateOnly = false;
    public const bool PlanOnly = false;
    public const bool DownloadCompiledPrompts = true;

    /// <summary>IvrPrompt metadata <c>Priority</c>.</summary>
    public const int Priority = 1;

    /// <summary>IvrPrompt metadata <c>FallbackEncoding</c>.</summary>
    public const string FallbackEncoding = "alaw";

    public const bool QualityChecks = true;

    /// <summary>IvrPromptCacheSize (MB): room for about 25,000 compiled 2 s prompts; 0 turns the cache off.</summary>
    public const int PromptCacheSizeMegabytes = 1024;

    /// <summary>
    /// The quality checks' limits: <see cref="QualityThresholds"/>' own defaults, the one place they are stated, which
    /// <c>ivr-media validate</c>'s options take too. No maximum duration (IvrMaxPromptSeconds empty: the check is off).
    /// </summary>
    public static readonly QualityThresholds Quality = new();

    public static double TargetSpeechLevelDbov => Quality.TargetSpeechLevelDbov;
    public static double SpeechLevelToleranceDb => Quality.SpeechLevelToleranceDb;
    public static long MaxClippedSamples => Quality.MaxClippedSamples;
    public static double MaxLeadingSilenceSeconds => Quality.MaxLeadingSilenceSeconds;
    public static double MaxTrailingSilenceSeconds => Quality.MaxTrailingSilenceSeconds;
    public static double MaxDcOffsetDbfs => Quality.MaxDcOffsetDbfs;
    public static double MaxLevelSpreadDb => Quality.MaxLevelSpreadDb;

    /// <summary>IvrPlatform: the media API of our contract (GenesysCloud is opt-in).</summary>
    public const string Platform = "MediaApi";

    public static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(10);

    /// <summary>IvrSyncTimeout: the whole network phase (uploads, compile or transcode wait, downloads, retries).</summary>
    public static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// First delay between status polls; doubles up to <see cref="MaxPollInterval"/>. Short because most jobs end
    /// within a few hundred milliseconds (200 prompts: about 0.1 s), and a job that ends just after a poll is waited
    /// for until the next: at 250 ms a cold build of 200 prompts idled 0.2 s. Doubling keeps a long job at a poll
    /// every 5 s after seven polls, two more than from 250 ms.
    /// </summary>
    public static readonly TimeSpan InitialPollInterval = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>The IvrPrompt item metadata defaults (the .props' ItemDefinitionGroup).</summary>
    public static IReadOnlyDictionary<string, string> PromptMetadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Priority"] = Priority.ToString(CultureInfo.InvariantCulture),
        ["FallbackEncoding"] = FallbackEncoding,
    };

}
