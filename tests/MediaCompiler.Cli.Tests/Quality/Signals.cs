namespace MediaCompiler.Cli.Tests.Quality;

/// <summary>Test signals for the quality checks, full scale ±1, described by what an ear or a meter would say of them.</summary>
public static class Signals
{
    /// <summary>The amplitude of a steady sine whose P.56 level is <paramref name="dbov"/>: RMS A/√2 against the square wave's 1.</summary>
    public static double SineAmplitudeFor(double dbov) => Math.Sqrt(2) * Math.Pow(10, dbov / 20);

    public static double[] Sine(double amplitude, double seconds, int sampleRate = 8000, double hertz = 440, double offset = 0) =>
        Enumerable.Range(0, (int)(seconds * sampleRate)).Select(n => offset + (amplitude * Math.Sin(2 * Math.PI * hertz * n / sampleRate))).ToArray();

    public static double[] Silence(double seconds, int sampleRate = 8000) => new double[(int)(seconds * sampleRate)];

    /// <summary>A full-scale square wave (+1/-1, which 16-bit stores as 32767/-32768): by definition 0 dBov.</summary>
    public static double[] Square(double seconds, int sampleRate = 8000, double hertz = 200) =>
        Enumerable.Range(0, (int)(seconds * sampleRate)).Select(n => (n * hertz * 2 / sampleRate) % 2 < 1 ? 1.0 : -1.0).ToArray();

    /// <summary>
    /// Speech-like bursts: 250 ms of Gaussian noise with RMS <paramref name="rms"/>, then 150 ms of silence, repeated
    /// (syllables and pauses), from a fixed seed so every run writes the same file.
    /// </summary>
    public static double[] NoiseBursts(double rms, double seconds, int sampleRate = 8000, int seed = 7)
    {
        var random = new Random(seed);
        var samples = new double[(int)(seconds * sampleRate)];
        var period = (int)(0.4 * sampleRate);
        var burst = (int)(0.25 * sampleRate);
        for (var n = 0; n < samples.Length; n++)
        {
            if (n % period < burst)
            {
                // Box-Muller: a unit Gaussian from two uniforms.
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                samples[n] = Math.Clamp(rms * gaussian, -0.99, 0.99);
            }
        }

        return samples;
    }

    /// <summary>Sets <paramref name="runs"/> runs of <paramref name="length"/> samples to full scale, evenly spread.</summary>
    public static double[] WithClippedRuns(double[] samples, int runs, int length)
    {
        var clipped = (double[])samples.Clone();
        var spacing = samples.Length / (runs + 1);
        for (var run = 1; run <= runs; run++)
        {
            for (var i = 0; i < length; i++)
            {
                clipped[(run * spacing) + i] = 1.0;
            }
        }

        return clipped;
    }

    /// <summary>Raised-cosine fades of <paramref name="length"/> samples at both ends (no click at the edges).</summary>
    public static double[] Faded(double[] samples, int length)
    {
        var faded = (double[])samples.Clone();
        for (var i = 0; i < length; i++)
        {
            var gain = 0.5 - (0.5 * Math.Cos(Math.PI * i / length));
            faded[i] *= gain;
            faded[^(i + 1)] *= gain;
        }

        return faded;
    }

    public static double[] Then(this double[] first, double[] second) => [.. first, .. second];
}
