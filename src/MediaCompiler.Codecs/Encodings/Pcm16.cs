namespace MediaCompiler.Codecs.Encodings;

/// <summary>Conversions between 16-bit linear PCM and the engine's working format, floats in [-1, 1).</summary>
public static class Pcm16
{
    private const float Scale = 32768f;

    public static float ToFloat(short sample) => sample / Scale;

    /// <summary>Rounds to the nearest 16-bit value, clipping anything outside the range instead of wrapping.</summary>
    public static short FromFloat(float sample)
    {
        float scaled = MathF.Round(sample * Scale);
        if (scaled >= short.MaxValue)
        {
            return short.MaxValue;
        }

        if (scaled <= short.MinValue)
        {
            return short.MinValue;
        }

        return (short)scaled;
    }

    public static short[] FromFloats(ReadOnlySpan<float> samples)
    {
        var result = new short[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            result[i] = FromFloat(samples[i]);
        }

        return result;
    }
}
