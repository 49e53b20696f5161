using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Dsp;

/// <summary>
/// Brings a prompt's ITU-T P.56 active speech level to a target (dBov) without ever clipping: when the gain would push
/// peaks above <see cref="PeakCeilingDbfs"/>, a soft limiter takes the excess off the peaks (up to
/// <see cref="MaxLimiterReductionDb"/>); a prompt that would need more than that gets a smaller gain instead, and ends
/// below the target. Either way the outcome says what was done and by how much.
/// </summary>
public static class SpeechLevelNormalizer
{
    /// <summary>The level ITU-T tools normalise speech to, and the network level G.169/G.115 recommend (about -19 dBm0).</summary>
    public const double DefaultTargetDbov = -26;

    /// <summary>Peaks stay 1 dB below full scale, out of reach of G.711's top step and of later re-encoding.</summary>
    public const double PeakCeilingDbfs = -1;

    /// <summary>The most the limiter may take off peaks; beyond this, limiting is audible, so the gain is reduced instead.</summary>
    public const double MaxLimiterReductionDb = 6;

    /// <summary>Limiting lowers the active level slightly; the gain is corrected and the limiter re-run this often at most.</summary>
    private const int Refinements = 2;

    /// <summary>The gain is corrected only when the level after limiting is off by more than this (dB).</summary>
    private const double RefinementToleranceDb = 0.1;

    public static NormalizationOutcome Normalize(Span<float> samples, int sampleRate, double targetDbov = DefaultTargetDbov)
    {
        var before = SpeechVoltmeter.Measure(samples, sampleRate);
        double peakDbfs = PeakDbfs(samples);
        if (before.ActiveSpeechLevelDbov is not double level)
        {
            return new NormalizationOutcome(NormalizationAction.NoSpeech, null, 0, peakDbfs, null, 0, targetDbov);
        }

        double neededGainDb = targetDbov - level;
        double projectedPeak = peakDbfs + neededGainDb;
        double excess = projectedPeak - PeakCeilingDbfs;
        if (excess <= 0)
        {
            Scale(samples, neededGainDb);
            return new NormalizationOutcome(NormalizationAction.Gain, level, neededGainDb, projectedPeak, targetDbov, 0, targetDbov);
        }

        var action = excess <= MaxLimiterReductionDb ? NormalizationAction.Limited : NormalizationAction.ReducedGain;
        double gainDb = action == NormalizationAction.Limited ? neededGainDb : PeakCeilingDbfs + MaxLimiterReductionDb - peakDbfs;
        var original = samples.ToArray();
        double reduction = 0;
        double after = level + gainDb;
        for (int pass = 0; pass <= Refinements; pass++)
        {
            original.CopyTo(samples);
            Scale(samples, gainDb);
            reduction = SoftLimiter.Apply(samples, sampleRate, (float)Math.Pow(10, PeakCeilingDbfs / 20));
            after = SpeechVoltmeter.Measure(samples, sampleRate).ActiveSpeechLevelDbov ?? after;
            double shortfall = targetDbov - after;
            if (action == NormalizationAction.ReducedGain || Math.Abs(shortfall) <= RefinementToleranceDb)
            {
                break;
            }

            gainDb += shortfall;
        }

        return new NormalizationOutcome(action, level, gainDb, projectedPeak, after, reduction, targetDbov) { NeededGainDb = neededGainDb };
    }

    /// <summary>The peak in dBFS; negative infinity for digital silence.</summary>
    public static double PeakDbfs(ReadOnlySpan<float> samples)
    {
        float peak = 0;
        foreach (float sample in samples)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        return peak == 0 ? double.NegativeInfinity : 20 * Math.Log10(peak);
    }

    private static void Scale(Span<float> samples, double gainDb)
    {
        float gain = (float)Math.Pow(10, gainDb / 20);
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }
}
