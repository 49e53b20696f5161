using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Cli;

/// <summary>
/// A prompt's speech level and silence as the JSON reports them: ITU-T P.56 active speech level in dBov (null when
/// there is no active speech) and activity, peak in dBFS (null for digital silence), leading and trailing silence,
/// and the samples in clipped runs.
/// </summary>
public sealed record PromptLoudness(
    double? ActiveSpeechLevelDbov,
    double? ActivityPercent,
    double? PeakDbfs,
    double LeadingSilenceSeconds,
    double TrailingSilenceSeconds,
    long ClippedSamples)
{
    public static PromptLoudness From(LoudnessReport report) => new(
        report.ActiveSpeechLevelDbov,
        report.ActivityPercent,
        report.PeakDbfs,
        report.LeadingSilenceSeconds,
        report.TrailingSilenceSeconds,
        report.ClippedSamples);
}
