using System.Buffers.Binary;
using System.Text;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Emulator.Tests.Support;

/// <summary>A parsed G.711 WAV: its fmt fields and its samples decoded by NAudio (the independent G.711 oracle) to -1..1.</summary>
internal sealed record G711Wav(int FormatTag, int Channels, int SampleRate, int BitsPerSample, double[] Samples)
{
    public const int MuLawTag = 7;
    public const int ALawTag = 6;

    public static G711Wav Parse(byte[] wav)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
        int? tag = null, channels = null, rate = null, bits = null;
        byte[]? data = null;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(offset + 4));
            var body = wav.AsSpan(offset + 8, Math.Min(size, wav.Length - offset - 8));
            if (id == "fmt ")
            {
                tag = BinaryPrimitives.ReadInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
            }
            else if (id == "data")
            {
                data = body.ToArray();
            }

            offset += 8 + size + (size & 1);
        }

        Assert.NotNull(tag);
        Assert.NotNull(data);
        var samples = tag switch
        {
            MuLawTag or ALawTag => Array.ConvertAll(G711Reference.DecodeToFloats(data, tag.Value), s => (double)s),
            _ => [],
        };
        return new G711Wav(tag!.Value, channels!.Value, rate!.Value, bits!.Value, samples);
    }

}

internal static class Correlation
{
    /// <summary>
    /// The best normalised cross-correlation of <paramref name="actual"/> against <paramref name="expected"/> over
    /// lags of up to <paramref name="maxLag"/> samples (a resampler's filter delays the signal a little). Gain does
    /// not matter (the engine may normalise the volume); shape does.
    /// </summary>
    public static double Best(double[] expected, double[] actual, int maxLag)
    {
        var best = -1.0;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            double dot = 0, e2 = 0, a2 = 0;
            for (var i = 0; i < expected.Length; i++)
            {
                var j = i + lag;
                if (j < 0 || j >= actual.Length)
                {
                    continue;
                }

                dot += expected[i] * actual[j];
                e2 += expected[i] * expected[i];
                a2 += actual[j] * actual[j];
            }

            if (e2 > 0 && a2 > 0)
            {
                best = Math.Max(best, dot / Math.Sqrt(e2 * a2));
            }
        }

        return best;
    }
}
