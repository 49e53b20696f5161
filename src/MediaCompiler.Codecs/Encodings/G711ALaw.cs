namespace MediaCompiler.Codecs.Encodings;

/// <summary>
/// G.711 A-law (PCMA), bit-exact with the ITU-T G.191 Software Tool Library (g711.c, alaw_compress/alaw_expand): the
/// encoder works on the 12-bit magnitude (16-bit input shifted right by 4, one's complement for negative input), whose
/// segment is 0 below 16 and otherwise one more per bit above bit 4; every even bit of the code word is inverted
/// (XOR 0x55) and the sign bit is set for non-negative input. Linear 0 encodes as 0xD5.
/// </summary>
public static class G711ALaw
{
    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int magnitude = (sample < 0 ? ~sample : sample) >> 4; // 0..2047
        int code = magnitude;
        if (magnitude > 15)
        {
            int segment = 1;
            while (magnitude > 31)
            {
                magnitude >>= 1;
                segment++;
            }

            // magnitude is now 16..31: its top bit is implied by the segment, the four below it are the step.
            code = (segment << 4) | (magnitude - 16);
        }

        if (sample >= 0)
        {
            code |= 0x80;
        }

        return (byte)(code ^ 0x55);
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
