using System.Globalization;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// The prompt quality checks, as one library call for the build, the CLI's validate and the engine alike: speech level
/// against the target (ITU-T P.56), clipping, leading and trailing silence, DC offset, duration (IVR1601-IVR1606,
/// IVR1609), and across a project, the spread of levels between prompts (IVR1607). Each warning carries the measured
/// value, the rule and the fix.
/// </summary>
public static class PromptQualityAnalyzer
{
    /// <summary>Measures decoded mono samples (full scale 1.0) and checks them.</summary>
    public static IReadOnlyList<Diagnostic> Analyze(ReadOnlySpan<float> samples, int sampleRate, QualityThresholds thresholds, string fileName) =>
        Analyze(Measure(samples, sampleRate, thresholds), thresholds, fileName);

    /// <summary>
    /// The measurements the checks use (clipping counted with the thresholds' minimum run, in the source's channels
    /// when <paramref name="channelClipping"/> has them).
    /// </summary>
    public static LoudnessReport Measure(ReadOnlySpan<float> samples, int sampleRate, QualityThresholds thresholds, ChannelClipping? channelClipping = null) =>
        new(sampleRate, SpeechVoltmeter.Measure(samples, sampleRate), SignalStatistics.Measure(samples, sampleRate, thresholds.MinimumClippedRun, channelClipping));

    /// <summary>Checks a prompt already measured.</summary>
    public static IReadOnlyList<Diagnostic> Analyze(LoudnessReport report, QualityThresholds thresholds, string fileName)
    {
        var found = new List<Diagnostic>();
        var signal = report.Signal;
        if (report.ActiveSpeechLevelDbov is double level)
        {
            double offTarget = level - thresholds.TargetSpeechLevelDbov;
            if (Math.Abs(offTarget) > thresholds.SpeechLevelToleranceDb)
            {
                found.Add(Diagnostic.Create(DiagnosticCatalog.QualitySpeechLevelOffTarget, fileName, fileName, Db(level), SignedDb(offTarget),
                    Db(thresholds.TargetSpeechLevelDbov), Db(thresholds.SpeechLevelToleranceDb)));
            }
        }
        else if (signal.DurationSeconds > 0)
        {
            found.Add(Diagnostic.Create(DiagnosticCatalog.QualityNoSpeech, fileName, fileName));
        }

        if (signal.ClippedSamples > thresholds.MaxClippedSamples)
        {
            found.Add(Diagnostic.Create(DiagnosticCatalog.QualityClipping, fileName, fileName, signal.ClippedSamples, signal.ClippedRuns,
                thresholds.MinimumClippedRun, thresholds.MaxClippedSamples));
        }

        if (signal.LeadingSilenceSeconds > thresholds.MaxLeadingSilenceSeconds)
        {
            found.Add(Diagnostic.Create(DiagnosticCatalog.QualityLeadingSilence, fileName, fileName, Seconds(signal.LeadingSilenceSeconds),
                Db(SignalStatistics.SilenceThresholdDbfs), Seconds(thresholds.MaxLeadingSilenceSeconds)));
        }

        // A prompt that is silence from end to end is one long leading silence; its trailing silence says nothing more.
        bool allSilent = signal.LeadingSilenceSeconds >= signal.DurationSeconds;
        if (!allSilent && signal.TrailingSilenceSeconds > thresholds.MaxTrailingSilenceSeconds)
        {
            found.Add(Diagnostic.Create(DiagnosticCatalog.QualityTrailingSilence, fileName, fileName, Seconds(signal.TrailingSilenceSeconds),
                Db(SignalStatistics.SilenceThresholdDbfs), Seconds(thresholds.MaxTrailingSilenceSeconds)));
        }

        if (signal.DcOffsetDbfs > thresholds.MaxDcOffsetDbfs)
        {
            found.Add(Diagnostic.Create(DiagnosticCatalog.QualityDcOffset, fileName, fileName, Db(signal.DcOffsetDbfs),
                signal.DcOffset.ToString("0.0000", CultureInfo.InvariantCulture), Db(thresholds.MaxDcOffsetDbfs)));
        }

        if (thresholds.MaxDurationSeconds is double maximum && signal.DurationSeconds > maximum)
        {
            found.Add(Diagnostic.Create(DiagnosticCatalog.QualityTooLong, fileName, fileName, Seconds(signal.DurationSeconds), Seconds(maximum)));
        }

        return found;
    }

    /// <summary>
    /// The project-level check: when the quietest and loudest prompts with speech differ by more than the limit,
    /// one IVR1607 naming both. Prompts without speech are left out.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckLevelSpread(IEnumerable<(string FileName, double? ActiveSpeechLevelDbov)> prompts, QualityThresholds thresholds)
    {
        var measured = prompts.Where(p => p.ActiveSpeechLevelDbov is not null).Select(p => (p.FileName, Level: p.ActiveSpeechLevelDbov!.Value)).ToList();
        if (measured.Count < 2)
        {
            return [];
        }

        var quietest = measured.MinBy(p => p.Level);
        var loudest = measured.MaxBy(p => p.Level);
        double spread = loudest.Level - quietest.Level;
        if (spread <= thresholds.MaxLevelSpreadDb)
        {
            return [];
        }

        return [Diagnostic.Create(DiagnosticCatalog.QualityLevelSpread, null, Db(spread), loudest.FileName, Db(loudest.Level), quietest.FileName, Db(quietest.Level),
            Db(thresholds.MaxLevelSpreadDb))];
    }

    private static string Db(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string SignedDb(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
