namespace MediaCompiler.Engine.Codecs;

/// <summary>
/// G.711 A-law (PCMA), as in the ITU-T G.711 reference and its classic C rendition (g711.c): the 13-bit magnitude
/// is split into a 3-bit segment and 4 quantisation bits, and every even bit of the code word is inverted (XOR 0x55,
/// with the sign bit set for non-negative input, hence 0xD5). Linear 0 encodes as 0xD5.
/// </summary>
public static class G711ALaw
{
    /// <summary>The top of each segment, in 13-bit units.</summary>
    private static readonly int[] SegmentEnds = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            pcm = -pcm - 1;
        }

        int segment = 0;
        while (segment < SegmentEnds.Length && pcm > SegmentEnds[segment])
        {
            segment++;
        }

        if (segment >= SegmentEnds.Length)
        {
            return (byte)(0x7F ^ mask);
        }

        int value = segment << 4;
        value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte)(value ^ mask);
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

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int a = code ^ 0x55;
            int magnitude = (a & 0x0F) << 4;
            int segment = (a & 0x70) >> 4;
            magnitude = segment switch
            {
                0 => magnitude + 8,
                1 => magnitude + 0x108,
                _ => (magnitude + 0x108) << (segment - 1),
            };
            table[code] = (short)((a & 0x80) != 0 ? magnitude : -magnitude);
        }

        return table;
    }
}
