namespace MediaCompiler.Codecs.Encodings;

/// <summary>
/// G.711 mu-law (PCMU), bit-exact with the ITU-T G.191 Software Tool Library (g711.c, ulaw_compress/ulaw_expand): the
/// encoder works on 14-bit magnitudes taken with a one's complement for negative input (so -1 is "negative zero", not
/// +1), biased by 33; the segment is the position of the top bit, four mantissa bits follow, and the code word is sent
/// inverted. The classic bias-0x84 rendition negates instead and differs from the reference on 127 negative inputs at
/// segment edges. Linear 0 encodes as 0xFF.
/// </summary>
public static class G711MuLaw
{
    /// <summary>The bias of the 14-bit magnitude, and of the 16-bit one (4 x 33 = 0x84) the decoder removes.</summary>
    private const int Bias14 = 33;
    private const int Bias = 0x84;

    /// <summary>The largest biased 14-bit magnitude (8191): louder input is coded as the top of segment 8.</summary>
    private const int MaxBiased = 0x1FFF;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        // One's complement rather than negation: the reference treats -1..-4 like 0..3, with the sign bit clear.
        int magnitude = (sample < 0 ? ~sample : sample) >> 2;
        int biased = Math.Min(magnitude + Bias14, MaxBiased);
        int segment = Segment(biased);
        int mantissa = (biased >> segment) & 0x0F;
        int code = ((8 - segment) << 4) | (0x0F - mantissa);
        return (byte)(sample >= 0 ? code | 0x80 : code);
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

    /// <summary>The segment (1-8) of a biased 14-bit magnitude: 1 below 64, then one more per bit above bit 5.</summary>
    private static int Segment(int biased)
    {
        int segment = 1;
        for (int top = biased >> 6; top != 0; top >>= 1)
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
