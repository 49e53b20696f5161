using System.Globalization;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>The settings of the prompt quality checks: IvrQualityChecks and the limits IvrTargetSpeechLevel ... IvrMaxLevelSpread.</summary>
public static partial class SettingsParser
{
    /// <summary>Every quality limit must lie within sane bounds; outside them it is an IVR207x error naming the property.</summary>
    private static (bool Enabled, QualityThresholds Thresholds) ParseQuality(RawBuildSettings raw, List<Diagnostic> diagnostics)
    {
        var enabled = ParseBool("IvrQualityChecks", raw.QualityChecks, BuildDefaults.QualityChecks, diagnostics);
        var thresholds = new QualityThresholds
        {
            TargetSpeechLevelDbov = ParseNumber(raw.TargetSpeechLevel, BuildDefaults.TargetSpeechLevelDbov,
                DiagnosticCatalog.MinTargetSpeechLevelDbov, DiagnosticCatalog.MaxTargetSpeechLevelDbov,
                text => Diagnostic.Create(DiagnosticCatalog.InvalidTargetSpeechLevel, null, "IvrTargetSpeechLevel", text), diagnostics),
            SpeechLevelToleranceDb = ParseNumber(raw.SpeechLevelTolerance, BuildDefaults.SpeechLevelToleranceDb, 0, 60,
                text => Diagnostic.Create(DiagnosticCatalog.InvalidSpeechLevelTolerance, null, text), diagnostics),
            MaxClippedSamples = ParseClippedSamples(raw.MaxClippedSamples, diagnostics),
            MaxLeadingSilenceSeconds = ParseSilence("IvrMaxLeadingSilence", raw.MaxLeadingSilence, BuildDefaults.MaxLeadingSilenceSeconds, diagnostics),
            MaxTrailingSilenceSeconds = ParseSilence("IvrMaxTrailingSilence", raw.MaxTrailingSilence, BuildDefaults.MaxTrailingSilenceSeconds, diagnostics),
            MaxDcOffsetDbfs = ParseNumber(raw.MaxDcOffset, BuildDefaults.MaxDcOffsetDbfs, -120, 0,
                text => Diagnostic.Create(DiagnosticCatalog.InvalidMaxDcOffset, null, text), diagnostics),
            MaxDurationSeconds = ParseMaxPromptSeconds(raw.MaxPromptSeconds, diagnostics),
            MaxLevelSpreadDb = ParseNumber(raw.MaxLevelSpread, BuildDefaults.MaxLevelSpreadDb, 0, 60,
                text => Diagnostic.Create(DiagnosticCatalog.InvalidMaxLevelSpread, null, text), diagnostics),
        };
        return (enabled, thresholds);
    }

    private static double ParseSilence(string property, string? value, double defaultValue, List<Diagnostic> diagnostics) =>
        ParseNumber(value, defaultValue, 0, 3600, text => Diagnostic.Create(DiagnosticCatalog.InvalidMaxSilence, null, property, text), diagnostics);

    /// <summary>Empty (the default) turns the duration check off.</summary>
    private static double? ParseMaxPromptSeconds(string? value, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }
        if (TryParseNumber(text, out var seconds) && seconds > 0 && seconds <= 86400)
        {
            return seconds;
        }
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidMaxPromptSeconds, null, text));
        return null;
    }

    private static long ParseClippedSamples(string? value, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return BuildDefaults.MaxClippedSamples;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0)
        {
            return count;
        }
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidMaxClippedSamples, null, text));
        return BuildDefaults.MaxClippedSamples;
    }

    /// <summary>A number within [minimum, maximum]; blank is the default; anything else is the diagnostic <paramref name="invalid"/> makes.</summary>
    private static double ParseNumber(string? value, double defaultValue, double minimum, double maximum, Func<string, Diagnostic> invalid, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return defaultValue;
        }
        if (TryParseNumber(text, out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }
        diagnostics.Add(invalid(text));
        return defaultValue;
    }

    /// <summary>Invariant culture always: a build on a German machine must read "-26.5" as the project author meant it.</summary>
    private static bool TryParseNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
