namespace MediaCompiler.Codecs.Dsp;

/// <summary>
/// A look-ahead peak limiter that keeps every sample at or below a ceiling without audible clicks: the gain each
/// sample needs is spread over a short window before it (look-ahead, so the gain is already down when the peak
/// arrives), recovers slowly afterwards (release), and is smoothed by a moving average. Each smoothed gain is an
/// average of minima over windows that contain the sample, so it never exceeds the gain that sample needs: the
/// ceiling holds exactly, not approximately.
/// </summary>
public static class SoftLimiter
{
    public const double LookAheadSeconds = 0.002;
    public const double ReleaseSeconds = 0.05;

    /// <summary>Limits in place; returns the largest gain reduction applied, in dB (0 when nothing reached the ceiling).</summary>
    public static double Apply(Span<float> samples, int sampleRate, float ceiling)
    {
        int window = Math.Max(1, (int)Math.Round(LookAheadSeconds * sampleRate));
        var needed = new float[samples.Length];
        bool any = false;
        for (int i = 0; i < samples.Length; i++)
        {
            float magnitude = Math.Abs(samples[i]);
            needed[i] = magnitude > ceiling ? ceiling / magnitude : 1f;
            any |= magnitude > ceiling;
        }

        if (!any)
        {
            return 0;
        }

        var gains = ReleasedWindowMinimum(needed, window, sampleRate);
        double deepest = 1;
        double sum = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            // Moving average of the last `window` gains: every one of them already covers sample i.
            sum += gains[i];
            if (i >= window)
            {
                sum -= gains[i - window];
            }

            double gain = Math.Min(sum / Math.Min(i + 1, window), needed[i]);
            deepest = Math.Min(deepest, gain);
            samples[i] = (float)(samples[i] * gain);
        }

        return -20 * Math.Log10(deepest);
    }

    /// <summary>
    /// For each sample, the smallest needed gain in the window starting there (so the gain drops before a peak), with
    /// an exponential recovery towards 1 afterwards that never rises above that minimum.
    /// </summary>
    private static float[] ReleasedWindowMinimum(float[] needed, int window, int sampleRate)
    {
        var result = new float[needed.Length];
        double recovery = 1 - Math.Exp(-1.0 / (ReleaseSeconds * sampleRate));
        double current = 1;
        var minima = new LinkedList<int>(); // indices of increasing needed gains over the window ahead (monotonic queue)
        int next = 0;
        for (int i = 0; i < needed.Length; i++)
        {
            for (; next < Math.Min(needed.Length, i + window); next++)
            {
                while (minima.Count > 0 && needed[minima.Last!.Value] >= needed[next])
                {
                    minima.RemoveLast();
                }

                minima.AddLast(next);
            }

            while (minima.First!.Value < i)
            {
                minima.RemoveFirst();
            }

            double target = needed[minima.First.Value];
            current = Math.Min(target, current + ((1 - current) * recovery));
            result[i] = (float)current;
        }

        return result;
    }
}
