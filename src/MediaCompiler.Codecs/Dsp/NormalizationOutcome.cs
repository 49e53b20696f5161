using System.Globalization;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Dsp;

/// <summary>What volume normalisation did to a prompt.</summary>
public enum NormalizationAction
{
    /// <summary>No active speech (P.56): the prompt was left as it was.</summary>
    NoSpeech,
    /// <summary>A plain gain reached the target with the peaks below the ceiling.</summary>
    Gain,
    /// <summary>The full gain, with a soft limiter holding the peaks at the ceiling.</summary>
    Limited,
    /// <summary>The full gain would have needed more limiting than is inaudible: a smaller gain, limited, below target.</summary>
    ReducedGain,
}

/// <summary>
/// The measured result of <see cref="SpeechLevelNormalizer.Normalize"/>: the level before and after (dBov), the gain
/// applied, where the peaks would have gone with the full gain, and how much the limiter took off them.
/// </summary>
public sealed record NormalizationOutcome(
    NormalizationAction Action,
    double? LevelBeforeDbov,
    double AppliedGainDb,
    double ProjectedPeakDbfs,
    double? LevelAfterDbov,
    double LimiterReductionDb,
    double TargetDbov)
{
    /// <summary>The gain the target called for (equal to <see cref="AppliedGainDb"/> unless limiting changed it).</summary>
    public double NeededGainDb { get; init; } = AppliedGainDb;

    /// <summary>The warning a user sees when the prompt could not simply be scaled (IVR1608), or when it has no speech (IVR1609).</summary>
    public Diagnostic? ToWarning(string fileName) => Action switch
    {
        NormalizationAction.Limited => Diagnostic.Create(DiagnosticCatalog.QualityNormalizationLimited, fileName, fileName, Db(NeededGainDb), Db(TargetDbov), Db(ProjectedPeakDbfs),
            $"a soft limiter took up to {Db(LimiterReductionDb)} dB off the peaks to keep them at {Db(SpeechLevelNormalizer.PeakCeilingDbfs)} dBFS; the level is now {Db(LevelAfterDbov ?? double.NaN)} dBov"),
        NormalizationAction.ReducedGain => Diagnostic.Create(DiagnosticCatalog.QualityNormalizationLimited, fileName, fileName, Db(NeededGainDb), Db(TargetDbov), Db(ProjectedPeakDbfs),
            $"the gain was reduced to {Db(AppliedGainDb)} dB and the peaks limited by {Db(LimiterReductionDb)} dB, so the level is {Db(LevelAfterDbov ?? double.NaN)} dBov, {Db(TargetDbov - (LevelAfterDbov ?? TargetDbov))} dB below the target"),
        NormalizationAction.NoSpeech => Diagnostic.Create(DiagnosticCatalog.QualityNoSpeech, fileName, fileName),
        _ => null,
    };

    private static string Db(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
