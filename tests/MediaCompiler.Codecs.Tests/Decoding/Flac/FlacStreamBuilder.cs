namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// Writes FLAC bitstreams by hand, for the format's corners that no encoder at hand produces (variable block sizes,
/// escaped residual partitions, Rice2 parameters above 14, a zero-bit escape). It writes coded values only, never
/// decoded samples: what the stream decodes to is xiph flac's to say. Its CRCs are computed bit by bit from the
/// polynomials (not with the decoder's tables).
/// </summary>
internal sealed class FlacStreamBuilder
{
    private readonly List<byte> _bytes = [];
    private ulong _pending;
    private int _pendingBits;

    public void Write(long value, int bits)
    {
        for (int i = bits - 1; i >= 0; i--)
        {
            _pending = (_pending << 1) | (ulong)((value >> i) & 1);
            if (++_pendingBits == 8)
            {
                _bytes.Add((byte)_pending);
                (_pending, _pendingBits) = (0, 0);
            }
        }
    }

    public void WriteUnary(int zeros)
    {
        for (int i = 0; i < zeros; i++)
        {
            Write(0, 1);
        }

        Write(1, 1);
    }

    /// <summary>A Rice code of a signed residual: zig-zag folded, quotient in unary, then the low bits.</summary>
    public void WriteRice(int residual, int parameter)
    {
        long folded = residual >= 0 ? 2L * residual : (-2L * residual) - 1;
        WriteUnary((int)(folded >> parameter));
        Write(folded & ((1L << parameter) - 1), parameter);
    }

    public void AlignWithZeros()
    {
        while (_pendingBits != 0)
        {
            Write(0, 1);
        }
    }

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    /// <summary>The stream marker and a STREAMINFO block (last metadata block), MD5 left zero ("not computed").</summary>
    public static byte[] StreamStart(int minBlock, int maxBlock, int sampleRate, int channels, int bitsPerSample, long totalSamples)
    {
        var w = new FlacStreamBuilder();
        w.Write(0x664C6143, 32); // "fLaC"
        w.Write(1, 1);
        w.Write(0, 7);
        w.Write(34, 24);
        w.Write(minBlock, 16);
        w.Write(maxBlock, 16);
        w.Write(0, 24);
        w.Write(0, 24);
        w.Write(sampleRate, 20);
        w.Write(channels - 1, 3);
        w.Write(bitsPerSample - 1, 5);
        w.Write(totalSamples, 36);
        w.Write(0, 128);
        return w.ToArray();
    }

    /// <summary>
    /// One variable-block-size frame of 16-bit samples at 16 kHz: header (16-bit block size at its end, the first
    /// sample's number, CRC-8), the subframes <paramref name="writeSubframes"/> writes, zero padding and CRC-16.
    /// </summary>
    public static byte[] Frame(int blockSize, long firstSample, int channelCode, Action<FlacStreamBuilder> writeSubframes)
    {
        var w = new FlacStreamBuilder();
        w.Write(0b11111111111110, 14);
        w.Write(0, 1);
        w.Write(1, 1);            // variable block size: the header carries the first sample's number
        w.Write(7, 4);            // block size - 1 in 16 bits after the number
        w.Write(5, 4);            // 16 kHz
        w.Write(channelCode, 4);
        w.Write(4, 3);            // 16 bits
        w.Write(0, 1);
        WriteCodedNumber(w, firstSample);
        w.Write(blockSize - 1, 16);
        w.Write(Crc(w.ToArray(), 8, 0x07), 8);
        writeSubframes(w);
        w.AlignWithZeros();
        w.Write(Crc(w.ToArray(), 16, 0x8005), 16);
        return w.ToArray();
    }

    /// <summary>A subframe header: type code and wasted bits (0 for none).</summary>
    public void SubframeHeader(int type, int wastedBits)
    {
        Write(0, 1);
        Write(type, 6);
        Write(wastedBits > 0 ? 1 : 0, 1);
        if (wastedBits > 0)
        {
            WriteUnary(wastedBits - 1);
        }
    }

    private static void WriteCodedNumber(FlacStreamBuilder w, long number)
    {
        if (number < 0x80)
        {
            w.Write(number, 8);
            return;
        }

        int continuation = number < 0x800 ? 1 : number < 0x10000 ? 2 : number < 0x200000 ? 3 : 4;
        int leadingOnes = continuation + 1;
        w.Write(((0xFF << (8 - leadingOnes)) & 0xFF) | (int)(number >> (6 * continuation)), 8);
        for (int i = continuation - 1; i >= 0; i--)
        {
            w.Write(0x80 | (int)((number >> (6 * i)) & 0x3F), 8);
        }
    }

    private static int Crc(byte[] bytes, int width, int polynomial)
    {
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        int crc = 0;
        foreach (byte b in bytes)
        {
            crc ^= b << (width - 8);
            for (int bit = 0; bit < 8; bit++)
            {
                crc = ((crc & top) != 0 ? (crc << 1) ^ polynomial : crc << 1) & mask;
            }
        }

        return crc;
    }
}
