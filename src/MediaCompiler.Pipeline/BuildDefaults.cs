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
    public const int MaxParallelUploads = 4;

    /// <summary>Light requests (look-ups, downloads) in flight at once; not an MSBuild property.</summary>
    public const int MaxParallelRequests = 16;
    public const bool ValidateOnly = false;
    public const bool DownloadCompiledPrompts = true;

    /// <summary>IvrPrompt metadata <c>Priority</c>.</summary>
    public const int Priority = 1;

    /// <summary>IvrPrompt metadata <c>FallbackEncoding</c>.</summary>
    public const string FallbackEncoding = "alaw";

    public const bool QualityChecks = true;
    public const double TargetSpeechLevelDbov = -26;
    public const double SpeechLevelToleranceDb = 6;
    public const long MaxClippedSamples = 0;
    public const double MaxLeadingSilenceSeconds = 1.5;
    public const double MaxTrailingSilenceSeconds = 1.5;
    public const double MaxDcOffsetDbfs = -40;
    public const double MaxLevelSpreadDb = 6;

    /// <summary>The quality checks' limits; no maximum prompt duration (IvrMaxPromptSeconds empty: the check is off).</summary>
    public static readonly QualityThresholds Quality = new()
    {
        TargetSpeechLevelDbov = TargetSpeechLevelDbov,
        SpeechLevelToleranceDb = SpeechLevelToleranceDb,
        MaxClippedSamples = MaxClippedSamples,
        MaxLeadingSilenceSeconds = MaxLeadingSilenceSeconds,
        MaxTrailingSilenceSeconds = MaxTrailingSilenceSeconds,
        MaxDcOffsetDbfs = MaxDcOffsetDbfs,
        MaxDurationSeconds = null,
        MaxLevelSpreadDb = MaxLevelSpreadDb,
    };

    /// <summary>IvrPlatform: the media API of our contract (GenesysCloud is opt-in).</summary>
    public const string Platform = "MediaApi";

    /// <summary>IvrDefaultLanguage: the language of prompts whose folders name none.</summary>
    public const string DefaultLanguage = "en-us";

    /// <summary>IvrGenesysRequestsPerMinute: the platform's per-token limit (client.credentials.token.rate.per.minute).</summary>
    public const int GenesysRequestsPerMinute = 300;

    public const bool GenesysConvertAudio = true;
    public const bool GenesysCheckFlows = true;
    public const bool GenesysDeleteOrphans = false;
    public const bool GenesysDownloadPrompts = false;

    public static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(10);

    /// <summary>First delay between status polls; doubles up to <see cref="MaxPollInterval"/>.</summary>
    public static readonly TimeSpan InitialPollInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>The MSBuild properties with a non-empty default, spelled as the .props and the docs spell them.</summary>
    public static IReadOnlyDictionary<string, string> MSBuildProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IvrEncoding"] = Encoding,
        ["IvrEnableOptimization"] = Text(EnableOptimization),
        ["IvrStripMetadata"] = Text(StripMetadata),
        ["IvrNormalizeVolume"] = Text(NormalizeVolume),
        ["IvrMaxChannels"] = MaxChannels.ToString(CultureInfo.InvariantCulture),
        ["IvrCompileTimeout"] = CompileTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["IvrMaxParallelUploads"] = MaxParallelUploads.ToString(CultureInfo.InvariantCulture),
        ["IvrValidateOnly"] = Text(ValidateOnly),
        ["IvrDownloadCompiledPrompts"] = Text(DownloadCompiledPrompts),
        ["IvrQualityChecks"] = Text(QualityChecks),
        ["IvrTargetSpeechLevel"] = Number(TargetSpeechLevelDbov),
        ["IvrSpeechLevelTolerance"] = Number(SpeechLevelToleranceDb),
        ["IvrMaxClippedSamples"] = MaxClippedSamples.ToString(CultureInfo.InvariantCulture),
        ["IvrMaxLeadingSilence"] = Number(MaxLeadingSilenceSeconds),
        ["IvrMaxTrailingSilence"] = Number(MaxTrailingSilenceSeconds),
        ["IvrMaxDcOffset"] = Number(MaxDcOffsetDbfs),
        ["IvrMaxLevelSpread"] = Number(MaxLevelSpreadDb),
        ["IvrPlatform"] = Platform,
        ["IvrDefaultLanguage"] = DefaultLanguage,
        ["IvrGenesysRequestsPerMinute"] = GenesysRequestsPerMinute.ToString(CultureInfo.InvariantCulture),
        ["IvrGenesysConvertAudio"] = Text(GenesysConvertAudio),
        ["IvrGenesysCheckFlows"] = Text(GenesysCheckFlows),
        ["IvrGenesysDeleteOrphans"] = Text(GenesysDeleteOrphans),
        ["IvrGenesysDownloadPrompts"] = Text(GenesysDownloadPrompts),
    };

    /// <summary>The IvrPrompt item metadata defaults (the .props' ItemDefinitionGroup).</summary>
    public static IReadOnlyDictionary<string, string> PromptMetadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Priority"] = Priority.ToString(CultureInfo.InvariantCulture),
        ["FallbackEncoding"] = FallbackEncoding,
    };

    private static string Text(bool value) => value ? "true" : "false";

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
