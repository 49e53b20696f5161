namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// The loudness of one prompt: its P.56 active speech level and activity, with the signal statistics beside it. The
/// shape `ivr-media probe --json` reports as "loudness".
/// </summary>
public sealed record LoudnessReport(int SampleRate, P56Level Speech, SignalStatistics Signal)
{
    /// <summary>Active speech level in dBov; null when there is no active speech.</summary>
    public double? ActiveSpeechLevelDbov => Speech.ActiveSpeechLevelDbov;

    /// <summary>Activity factor as a percentage; null when there is no active speech.</summary>
    public double? ActivityPercent => Speech.ActiveSpeechLevelDbov is null ? null : Speech.ActivityFactor * 100;

    /// <summary>Peak in dBFS; null for digital silence.</summary>
    public double? PeakDbfs => double.IsNegativeInfinity(Signal.PeakDbfs) ? null : Signal.PeakDbfs;

    public double LeadingSilenceSeconds => Signal.LeadingSilenceSeconds;

    public double TrailingSilenceSeconds => Signal.TrailingSilenceSeconds;

    public long ClippedSamples => Signal.ClippedSamples;

    /// <summary>Measures decoded mono samples (full scale 1.0) at their own rate; clipping in the source's channels when given.</summary>
    public static LoudnessReport Measure(ReadOnlySpan<float> samples, int sampleRate, ChannelClipping? channelClipping = null) =>
        new(sampleRate, SpeechVoltmeter.Measure(samples, sampleRate), SignalStatistics.Measure(samples, sampleRate, channelClipping: channelClipping));
}
