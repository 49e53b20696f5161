namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR2070-2089: the settings of the prompt quality checks (the IvrTargetSpeechLevel ... IvrMaxLevelSpread
/// properties) and the engine's compile option targetSpeechLevelDbov. Raised with every other settings error, before
/// any prompt is decoded or any request is made.
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>The range a target speech level may take, in dBov: below -60 is inaudible on a phone, above 0 impossible.</summary>
    public const double MinTargetSpeechLevelDbov = -60;

    public const double MaxTargetSpeechLevelDbov = 0;

    public static readonly DiagnosticDescriptor InvalidTargetSpeechLevel = new(
        "IVR2070", DiagnosticSeverity.Error, "Invalid target speech level",
        "{0} is '{1}'; the target active speech level must be a number of dBov from -60 to 0 (ITU-T P.56; telephony speech sits around -26).",
        "Set {0} to e.g. -26 (the default), or remove it.");

    public static readonly DiagnosticDescriptor InvalidSpeechLevelTolerance = new(
        "IVR2071", DiagnosticSeverity.Error, "Invalid speech level tolerance",
        "IvrSpeechLevelTolerance is '{0}'; it must be a number of dB from 0 to 60.",
        "Set <IvrSpeechLevelTolerance> to e.g. 6 (the default).");

    public static readonly DiagnosticDescriptor InvalidMaxClippedSamples = new(
        "IVR2072", DiagnosticSeverity.Error, "Invalid clipped-sample limit",
        "IvrMaxClippedSamples is '{0}'; it must be a whole number of samples, 0 or more.",
        "Set <IvrMaxClippedSamples> to e.g. 0 (the default: any clipping warns).");

    public static readonly DiagnosticDescriptor InvalidMaxSilence = new(
        "IVR2073", DiagnosticSeverity.Error, "Invalid silence limit",
        "{0} is '{1}'; it must be a number of seconds from 0 to 3600.",
        "Set <{0}> to e.g. 1.5 (the default).");

    public static readonly DiagnosticDescriptor InvalidMaxDcOffset = new(
        "IVR2074", DiagnosticSeverity.Error, "Invalid DC offset limit",
        "IvrMaxDcOffset is '{0}'; it must be a number of dBFS from -120 to 0.",
        "Set <IvrMaxDcOffset> to e.g. -40 (the default: a mean of 1% of full scale).");

    public static readonly DiagnosticDescriptor InvalidMaxPromptSeconds = new(
        "IVR2075", DiagnosticSeverity.Error, "Invalid maximum prompt duration",
        "IvrMaxPromptSeconds is '{0}'; it must be a positive number of seconds (at most 86400), or empty to turn the check off.",
        "Set <IvrMaxPromptSeconds> to e.g. 30, or leave it empty (the default).");

    public static readonly DiagnosticDescriptor InvalidMaxLevelSpread = new(
        "IVR2076", DiagnosticSeverity.Error, "Invalid level spread limit",
        "IvrMaxLevelSpread is '{0}'; it must be a number of dB from 0 to 60.",
        "Set <IvrMaxLevelSpread> to e.g. 6 (the default).");
}
