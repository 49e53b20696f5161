namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// Compares a decoded channel with a reference decoder's: finds the alignment (decoders differ in how much leading delay
/// they drop) as the lag of least squared difference, which is the cross-correlation peak corrected for the energy of
/// the shifted window (a plain correlation peak is ambiguous on steady tones), then measures the signal-to-noise ratio
/// of the difference.
/// </summary>
internal static class SignalComparison
{
    public static float[] Channel(float[] interleaved, int channels, int channel)
    {
        var result = new float[interleaved.Length / channels];
        for (var n = 0; n < result.Length; n++)
        {
            result[n] = interleaved[(n * channels) + channel];
        }

        return result;
    }

    /// <summary>The lag L in [-maxLag, maxLag] that best matches ours[n + L] to reference[n].</summary>
    public static int BestLag(float[] ours, float[] reference, int maxLag)
    {
        // Correlate over the reference's loudest stretch so that silence at the start does not decide.
        const int window = 8192;
        var start = LoudestWindowStart(reference, window);
        var bestLag = 0;
        var best = double.PositiveInfinity;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var error = 0.0;
            for (var n = start; n < Math.Min(start + window, reference.Length); n++)
            {
                var m = n + lag;
                var value = m >= 0 && m < ours.Length ? ours[m] : 0f;
                var difference = value - (double)reference[n];
                error += difference * difference;
            }

            if (error < best)
            {
                best = error;
                bestLag = lag;
            }
        }

        return bestLag;
    }

    /// <summary>SNR in dB of ours against the reference over the samples both have, ours shifted by <paramref name="lag"/>.</summary>
    public static double SnrDb(float[] ours, float[] reference, int lag)
    {
        double signal = 0, noise = 0;
        for (var n = 0; n < reference.Length; n++)
        {
            var m = n + lag;
            if (m < 0 || m >= ours.Length)
            {
                continue;
            }

            signal += reference[n] * (double)reference[n];
            var error = ours[m] - (double)reference[n];
            noise += error * error;
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    public static double RmsDb(float[] samples)
    {
        var sum = samples.Sum(s => (double)s * s);
        return 10 * Math.Log10(sum / samples.Length);
    }

    /// <summary>
    /// The lowest SNR of any 10 ms window of the reference that carries signal (above −60 dBFS), ours shifted by
    /// <paramref name="lag"/>, and where it starts in seconds: a wrong frame shows here even when the file as a whole is close.
    /// </summary>
    public static (double SnrDb, double AtSeconds) WorstWindowSnrDb(float[] ours, float[] reference, int lag, int sampleRate)
    {
        var window = sampleRate / 100;
        (double SnrDb, double AtSeconds) worst = (double.PositiveInfinity, 0);
        for (var start = 0; start + window <= reference.Length; start += window)
        {
            double signal = 0, noise = 0;
            for (var n = start; n < start + window; n++)
            {
                var m = n + lag;
                var value = m >= 0 && m < ours.Length ? ours[m] : 0f;
                signal += reference[n] * (double)reference[n];
                var error = value - (double)reference[n];
                noise += error * error;
            }

            // Windows ours does not cover (FAAD2 keeps the end padding an M4A's edit list cuts) are not compared here.
            if (signal / window < 1e-6 || start + lag < 0 || start + window + lag > ours.Length)
            {
                continue;
            }

            var snr = noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
            if (snr < worst.SnrDb)
            {
                worst = (snr, (double)start / sampleRate);
            }
        }

        return worst;
    }

    private static int LoudestWindowStart(float[] samples, int window)
    {
        var bestStart = 0;
        var best = -1.0;
        for (var start = 0; start + window <= samples.Length; start += window / 4)
        {
            var energy = 0.0;
            for (var n = start; n < start + window; n++)
            {
                energy += samples[n] * (double)samples[n];
            }

            if (energy > best)
            {
                best = energy;
                bestStart = start;
            }
        }

        return bestStart;
    }
}
