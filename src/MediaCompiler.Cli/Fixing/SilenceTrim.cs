namespace MediaCompiler.Cli.Fixing;

/// <summary>Leading and trailing silence: how much there is, and the samples without it (keeping a short margin).</summary>
internal static class SilenceTrim
{
    /// <summary>The span of <paramref name="samples"/> from the first to the last audible sample, widened by the margin.</summary>
    public static (int Start, int Length) AudibleRange(ReadOnlySpan<float> samples, int sampleRate)
    {
        var threshold = (float)Math.Pow(10, FixTarget.SilenceThresholdDbfs / 20);
        var first = 0;
        while (first < samples.Length && Math.Abs(samples[first]) < threshold)
        {
            first++;
        }

        if (first == samples.Length)
        {
            return (0, samples.Length); // All silence: nothing to keep would be no prompt; the silence rule reports it.
        }

        var last = samples.Length - 1;
        while (last > first && Math.Abs(samples[last]) < threshold)
        {
            last--;
        }

        var margin = (int)(FixTarget.KeptSilenceSeconds * sampleRate);
        var start = Math.Max(0, first - margin);
        var end = Math.Min(samples.Length, last + 1 + margin);
        return (start, end - start);
    }

    /// <summary>True when trimming would remove nothing (so a second --trim-silence changes nothing).</summary>
    public static bool IsTrimmed(ReadOnlySpan<float> samples, int sampleRate)
    {
        var (start, length) = AudibleRange(samples, sampleRate);
        return start == 0 && length == samples.Length;
    }
}
