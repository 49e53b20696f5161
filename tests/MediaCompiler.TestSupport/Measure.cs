namespace MediaCompiler.TestSupport;

/// <summary>Signal measurements for assertions.</summary>
public static class Measure
{
    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>Signal-to-noise ratio of <paramref name="actual"/> against <paramref name="reference"/>, in dB.</summary>
    public static double SnrDb(ReadOnlySpan<float> reference, ReadOnlySpan<float> actual)
    {
        double signal = 0, noise = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double error = actual[i] - reference[i];
            noise += error * error;
        }

        return 10 * Math.Log10(signal / noise);
    }

    /// <summary>
    /// Normalised cross-correlation of <paramref name="actual"/> shifted by <paramref name="lag"/> samples against
    /// <paramref name="reference"/>, over their overlap; gain-independent, 1.0 for identical shapes.
    /// </summary>
    public static double Ncc(ReadOnlySpan<float> reference, ReadOnlySpan<float> actual, int lag = 0)
    {
        double dot = 0, rr = 0, aa = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            int j = i + lag;
            if (j < 0 || j >= actual.Length)
            {
                continue;
            }

            dot += (double)reference[i] * actual[j];
            rr += (double)reference[i] * reference[i];
            aa += (double)actual[j] * actual[j];
        }

        return rr == 0 || aa == 0 ? 0 : dot / Math.Sqrt(rr * aa);
    }

    /// <summary>The best <see cref="Ncc"/> over lags in [-maxLag, maxLag], with the lag found.</summary>
    public static (double Ncc, int Lag) BestNcc(ReadOnlySpan<float> reference, ReadOnlySpan<float> actual, int maxLag)
    {
        (double Ncc, int Lag) best = (double.MinValue, 0);
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double value = Ncc(reference, actual, lag);
            if (value > best.Ncc)
            {
                best = (value, lag);
            }
        }

        return best;
    }
}
