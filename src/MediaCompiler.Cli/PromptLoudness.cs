namespace MediaCompiler.Cli;

/// <summary>
/// A prompt's speech level and silence as the JSON reports them (ITU-T P.56 active speech level in dBov). Filled by
/// the loudness library when it is wired in; until then <see cref="PromptReport.Loudness"/> is null.
/// </summary>
public sealed record PromptLoudness(
    double ActiveSpeechLevelDbov,
    double ActivityPercent,
    double PeakDbfs,
    double LeadingSilenceSeconds,
    double TrailingSilenceSeconds,
    long ClippedSamples);
