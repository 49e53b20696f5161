namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// Plain measurements of a signal (full scale 1.0) that say how a prompt will sound: its peak, how much silence
/// leads and trails it, how many samples sit clipped at full scale, and its DC offset.
/// </summary>
public sealed record SignalStatistics(
    double DurationSeconds,
    double PeakDbfs,
    double LeadingSilenceSeconds,
    double TrailingSilenceSeconds,
    long ClippedSamples,
    int ClippedRuns,
    double DcOffset)
{
    /// <summary>Samples quieter than this (dBFS) count as silence at the edges: -50 dBFS is below any speech, above dither.</summary>
    public const double SilenceThresholdDbfs = -50;

    /// <summary>
    /// A sample at or above this magnitude is at full scale: the top 16-bit code (32767/32768) and anything decoded
    /// beyond it; the margin allows for lossy codecs that overshoot slightly where the source was clipped.
    /// </summary>
    public const float FullScale = 32767f / 32768f;

    /// <summary>Full-scale samples count as clipping only in runs this long: one full-scale sample can be a legitimate peak.</summary>
    public const int DefaultMinimumClippedRun = 3;

    /// <summary>The DC offset in dBFS (20 log10 |mean|); negative infinity when the mean is exactly 0.</summary>
    public double DcOffsetDbfs => DcOffset == 0 ? double.NegativeInfinity : 20 * Math.Log10(Math.Abs(DcOffset));

    /// <summary>
    /// Measures mono samples. Clipping is counted in them unless <paramref name="channelClipping"/> (the source's own
    /// channels, counted before the mix) is given: then it is its worst channel's, which the mix can hide but never
    /// exceed (an average is at full scale only where every channel is).
    /// </summary>
    public static SignalStatistics Measure(ReadOnlySpan<float> samples, int sampleRate, int minimumClippedRun = DefaultMinimumClippedRun,
        ChannelClipping? channelClipping = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        float silence = (float)Math.Pow(10, SilenceThresholdDbfs / 20);
        float peak = 0;
        double sum = 0;
        int firstSound = -1;
        int lastSound = -1;
        long clipped = 0;
        int runs = 0;
        int run = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            float magnitude = Math.Abs(samples[i]);
            peak = Math.Max(peak, magnitude);
            sum += samples[i];
            if (magnitude >= silence)
            {
                firstSound = firstSound < 0 ? i : firstSound;
                lastSound = i;
            }

            run = magnitude >= FullScale ? run + 1 : 0;
            if (run == minimumClippedRun)
            {
                runs++;
                clipped += run;
            }
            else if (run > minimumClippedRun)
            {
                clipped++;
            }
        }

        if (channelClipping is not null)
        {
            (clipped, runs) = channelClipping.Worst(minimumClippedRun);
        }

        double rate = sampleRate;
        double leading = firstSound < 0 ? samples.Length / rate : firstSound / rate;
        double trailing = firstSound < 0 ? samples.Length / rate : (samples.Length - 1 - lastSound) / rate;
        return new SignalStatistics(
            samples.Length / rate,
            peak == 0 ? double.NegativeInfinity : 20 * Math.Log10(peak),
            leading,
            trailing,
            clipped,
            runs,
            samples.Length == 0 ? 0 : sum / samples.Length);
    }
}
