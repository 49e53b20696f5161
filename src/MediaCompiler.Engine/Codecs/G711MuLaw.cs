namespace MediaCompiler.Engine.Codecs;

/// <summary>
/// G.711 mu-law (PCMU), as in the ITU-T G.711 reference and its classic C rendition (g711.c): 16-bit linear input
/// is biased by 0x84, its segment (exponent) is the position of the highest set bit, four mantissa bits follow, and
/// the code word is sent inverted. Linear 0 encodes as 0xFF.
/// </summary>
public static class G711MuLaw
{
    private const int Bias = 0x84;
    /// <summary>The largest magnitude that still fits once the bias is added (32767 - 0x84).</summary>
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0)
        {
            pcm = -pcm;
        }

        if (pcm > Clip)
        {
            pcm = Clip;
        }

        pcm += Bias;
        int exponent = Segment(pcm);
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short Decode(byte code) => DecodeTable[code];

    public static void Encode(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            destination[i] = Encode(samples[i]);
        }
    }

    public static void Decode(ReadOnlySpan<byte> codes, Span<short> destination)
    {
        for (int i = 0; i < codes.Length; i++)
        {
            destination[i] = DecodeTable[codes[i]];
        }
    }

    /// <summary>The segment of a biased magnitude: segment s covers [0x84 &lt;&lt; s, 0x84 &lt;&lt; (s+1)) roughly, i.e. bit 7+s is its top bit.</summary>
    private static int Segment(int biased)
    {
        int segment = 0;
        for (int top = biased >> 8; top != 0 && segment < 7; top >>= 1)
        {
            segment++;
        }

        return segment;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int u = ~code;
            int magnitude = (((u & 0x0F) << 3) + Bias) << ((u & 0x70) >> 4);
            table[code] = (short)((u & 0x80) != 0 ? Bias - magnitude : magnitude - Bias);
        }

        return table;
    }
}
