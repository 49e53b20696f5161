namespace MediaCompiler.Engine.Dsp;

/// <summary>Peak measurement and peak normalisation of float samples (full scale = 1.0).</summary>
public static class PeakNormalizer
{
    /// <summary>Where normalised prompts peak: 1 dB below full scale leaves room for the codec and the phone line.</summary>
    public const double DefaultTargetDbfs = -1.0;

    public static float Peak(ReadOnlySpan<float> samples)
    {
        float peak = 0;
        foreach (float sample in samples)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        return peak;
    }

    /// <summary>The peak in dBFS; negative infinity for digital silence.</summary>
    public static double PeakDbfs(ReadOnlySpan<float> samples)
    {
        float peak = Peak(samples);
        return peak == 0 ? double.NegativeInfinity : 20 * Math.Log10(peak);
    }

    /// <summary>Scales in place so that the loudest sample sits at <paramref name="targetDbfs"/>; silence is left alone.</summary>
    public static void Normalize(Span<float> samples, double targetDbfs = DefaultTargetDbfs)
    {
        float peak = Peak(samples);
        if (peak == 0)
        {
            return;
        }

        float gain = (float)(Math.Pow(10, targetDbfs / 20) / peak);
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }
}
