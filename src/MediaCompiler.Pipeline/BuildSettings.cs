using System.Globalization;
using static MediaCompiler.Pipeline.BuildDefaults;

namespace MediaCompiler.Pipeline;

/// <summary>
/// One setting of the build, declared once: its MSBuild property, its default as the package's .props spells it (null:
/// empty by default), and what it does in one line. The task takes it as the parameter named like the property without
/// <c>Ivr</c>; <see cref="RawBuildSettings"/> carries it as that string to <see cref="SettingsParser"/>.
/// </summary>
public sealed record BuildSetting(string Property, string? Default, string Summary)
{
    /// <summary>The task parameter and <see cref="RawBuildSettings"/> member: the property without its <c>Ivr</c> prefix.</summary>
    public string Parameter => Property["Ivr".Length..];
}

/// <summary>
/// Every setting the build's task takes, declared once. The defaults come from <see cref="BuildDefaults"/>; the
/// package's .props, the task's parameters, the targets that pass them, <see cref="RawBuildSettings"/> and the
/// property tables of docs/msbuild.md are checked against this list by tests (BuildSettingsAgreementTests,
/// DefaultsAgreementTests), so adding, renaming or re-defaulting a setting in one place and not the others fails.
/// </summary>
public static class BuildSettings
{
    public static IReadOnlyList<BuildSetting> All { get; } =
    [
        new("IvrFlowId", null, "The IVR flow the prompts belong to (media API; required unless validate-only)."),
        new("IvrEncoding", Encoding, "G.711 flavour of the compiled prompts: ulaw or alaw."),
        new("IvrWebhookUrl", null, "An https URL the engine calls when the compile job ends."),
        new("IvrEnableOptimization", Text(EnableOptimization), "Engine option enableOptimization."),
        new("IvrStripMetadata", Text(StripMetadata), "Engine option stripMetadata."),
        new("IvrNormalizeVolume", Text(NormalizeVolume), "Level every prompt to IvrTargetSpeechLevel on its way to the platform."),
        new("IvrMaxChannels", Int(MaxChannels), "Engine option maxChannels (telephony is mono)."),
        new("IvrCompileTimeout", CompileTimeout.ToString("c", CultureInfo.InvariantCulture), "How long the compile job (or Genesys transcoding) may take."),
        new("IvrSyncTimeout", SyncTimeout.ToString("c", CultureInfo.InvariantCulture), "The deadline of the whole network phase, retries and waits included."),
        new("IvrMaxParallelUploads", Int(MaxParallelUploads), "The most upload requests in flight at once (each carries up to 32 prompts); the build starts at 16 and adapts to the server's answers."),
        new("IvrEngineUrl", null, "A remote media API; empty: the embedded engine (or GENESYS_BASE_URL)."),
        new("IvrValidateOnly", Text(ValidateOnly), "Validate and check only: no network work at all."),
        new("IvrPlanOnly", Text(PlanOnly), "Print what the build would change, from read requests only, and change nothing."),
        new("IvrPlanFile", null, "A file path for the plan as JSON (with IvrPlanOnly), e.g. for a pull-request comment."),
        new("IvrDownloadCompiledPrompts", Text(DownloadCompiledPrompts), "Save the compiled prompts into IvrCompiledPromptsDirectory."),
        new("IvrCompiledPromptsDirectory", null, "Where compiled prompts are saved (the targets set it under obj/)."),
        new("IvrAuditLogPath", null, "The JSON-lines audit log (the targets set it under obj/)."),
        new("IvrCacheDirectory", null, "Where the prompt cache lives (the targets set it under obj/)."),
        new("IvrPromptCacheSize", Int(PromptCacheSizeMegabytes), "The prompt cache's size cap in MB (least recently used entries go first); 0: no cache."),
        new("IvrSarifLog", null, "A file path for the run's diagnostics as SARIF 2.1.0."),
        new("IvrQualityChecks", Text(QualityChecks), "Decode every prompt and check how it will sound."),
        new("IvrTargetSpeechLevel", Number(TargetSpeechLevelDbov), "The P.56 active speech level (dBov) prompts are levelled to and checked against."),
        new("IvrSpeechLevelTolerance", Number(SpeechLevelToleranceDb), "How far from the target a source's level may be (dB) before IVR1601."),
        new("IvrMaxClippedSamples", Int(MaxClippedSamples), "Clipped samples allowed before IVR1602."),
        new("IvrMaxLeadingSilence", Number(MaxLeadingSilenceSeconds), "Leading silence allowed (s) before IVR1603."),
        new("IvrMaxTrailingSilence", Number(MaxTrailingSilenceSeconds), "Trailing silence allowed (s) before IVR1604."),
        new("IvrMaxDcOffset", Number(MaxDcOffsetDbfs), "DC offset allowed (dBFS) before IVR1605."),
        new("IvrMaxPromptSeconds", null, "Longest prompt allowed (s) before IVR1606; empty: no limit."),
        new("IvrMaxLevelSpread", Number(MaxLevelSpreadDb), "How far apart sources' levels may be (dB) before IVR1607."),
        new("IvrPlatform", Platform, "Where prompts go: MediaApi or GenesysCloud."),
    ];

    private static string Text(bool value) => value ? "true" : "false";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
