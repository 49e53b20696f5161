namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// Synthetic integer signals that lead an encoder through the format's tools: tones under an envelope (FIXED and LPC
/// subframes), digital silence (CONSTANT), full-scale white noise (VERBATIM, large Rice parameters), a coarsely
/// quantised stretch (wasted bits), and for stereo, stretches where the channels are equal, correlated or unrelated
/// (each decorrelation mode wins somewhere).
/// </summary>
internal static class FlacSignals
{
    public static IntegerPcm Mixed(int bitsPerSample, int sampleRate, int channels, double seconds = 1.5, int seed = 1)
    {
        var random = new Random(seed);
        int frames = (int)(sampleRate * seconds);
        int peak = (1 << (bitsPerSample - 1)) - 1;
        var samples = new int[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            double t = (double)i / sampleRate;
            double part = t / seconds;
            double left = Tones(t, 0);
            double right = part switch
            {
                < 0.5 => (0.7 * left) + (0.2 * Tones(t, 1)), // correlated: side or mid-side codes it smaller
                < 0.8 => left,                               // identical: the side channel is silence
                _ => Tones(t, 2),                             // unrelated: independent
            };
            for (int c = 0; c < channels; c++)
            {
                double value = c == 0 ? left : right;
                samples[(i * channels) + c] = part switch
                {
                    >= 0.2 and < 0.33 => 0,                                         // digital silence
                    >= 0.33 and < 0.45 => random.Next(-peak - 1, peak + 1),         // full-scale noise
                    >= 0.45 and < 0.6 => Quantise(value * 0.5, peak, Math.Max(2, bitsPerSample / 5)), // wasted low bits
                    _ => Quantise(value * 0.8, peak, 0) + Dither(random, bitsPerSample),
                };
            }
        }

        return new IntegerPcm(samples, channels, sampleRate, bitsPerSample);
    }

    /// <summary>The value at the depth's scale, its lowest <paramref name="zeroLowBits"/> bits cleared.</summary>
    private static int Quantise(double value, int peak, int zeroLowBits)
    {
        int sample = (int)Math.Round(Math.Clamp(value, -1, 1) * peak);
        return zeroLowBits == 0 ? sample : (sample >> zeroLowBits) << zeroLowBits;
    }

    /// <summary>A little noise in the lowest bits, as a recording has (keeps the residual from being trivially zero).</summary>
    private static int Dither(Random random, int bitsPerSample) => bitsPerSample <= 8 ? 0 : random.Next(-2, 3);

    private static double Tones(double t, int voice)
    {
        double envelope = 0.55 + (0.45 * Math.Sin(2 * Math.PI * (2 + voice) * t));
        double baseFrequency = 180 + (90 * voice);
        return envelope * ((0.5 * Math.Sin(2 * Math.PI * baseFrequency * t)) + (0.3 * Math.Sin(2 * Math.PI * 3.1 * baseFrequency * t))
            + (0.15 * Math.Sin(2 * Math.PI * 7.3 * baseFrequency * t)));
    }
}
