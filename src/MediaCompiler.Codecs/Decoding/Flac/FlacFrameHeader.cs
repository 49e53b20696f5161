namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>How a frame's two channels are coded (RFC 9639 section 9.1.3).</summary>
internal enum FlacChannelAssignment
{
    Independent,
    LeftSide,
    RightSide,
    MidSide,
}

/// <summary>
/// A FLAC frame header (RFC 9639 section 9.1): sync code, blocking strategy, block size, sample rate, channel
/// assignment, sample size, the coded frame or sample number, and its CRC-8, which is checked here.
/// </summary>
internal readonly record struct FlacFrameHeader(
    bool VariableBlockSize,
    int BlockSize,
    int SampleRate,
    int Channels,
    FlacChannelAssignment Assignment,
    int BitsPerSample,
    long Number,
    int Length)
{
    private static readonly int[] CodedRates = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000];
    private static readonly int[] CodedSampleSizes = [0, 8, 12, 0, 16, 20, 24, 32];

    /// <summary>
    /// Parses the header at <paramref name="offset"/>; a field coded "from STREAMINFO" takes the stream's value.
    /// Throws <see cref="FlacDamageException"/> for a missing sync code, a reserved value or a CRC-8 mismatch.
    /// </summary>
    public static FlacFrameHeader Read(byte[] data, int offset, FlacStreamHeader stream)
    {
        var bytes = data.AsSpan(offset);
        bool sync = bytes.Length > 0 && bytes[0] == 0xFF && (bytes.Length == 1 || (bytes[1] & 0xFE) == 0xF8);
        if (!sync)
        {
            throw new FlacDamageException("no frame sync code where a frame should start");
        }

        if (bytes.Length < 6)
        {
            throw FlacDamageException.CutShort("the file ends inside its frame header");
        }

        bool variable = (bytes[1] & 0x01) != 0;
        int blockCode = bytes[2] >> 4;
        int rateCode = bytes[2] & 0x0F;
        int channelCode = bytes[3] >> 4;
        int sizeCode = (bytes[3] >> 1) & 0x07;
        if (blockCode == 0 || rateCode == 15 || channelCode > 10 || sizeCode == 3 || (bytes[3] & 0x01) != 0)
        {
            throw new FlacDamageException("its frame header uses a reserved or invalid code");
        }

        int position = 4;
        long number = ReadCodedNumber(bytes, ref position, variable ? 7 : 6);
        int blockSize = blockCode switch
        {
            1 => 192,
            <= 5 => 576 << (blockCode - 2),
            6 => ReadTail(bytes, ref position, 1) + 1,
            7 => ReadTail(bytes, ref position, 2) + 1,
            _ => 256 << (blockCode - 8),
        };
        int sampleRate = rateCode switch
        {
            0 => stream.SampleRate,
            12 => ReadTail(bytes, ref position, 1) * 1000,
            13 => ReadTail(bytes, ref position, 2),
            14 => ReadTail(bytes, ref position, 2) * 10,
            _ => CodedRates[rateCode],
        };
        if (position >= bytes.Length)
        {
            throw FlacDamageException.CutShort("the file ends inside its frame header");
        }

        if (FlacCrc.Crc8(bytes[..position]) != bytes[position])
        {
            throw new FlacDamageException("its frame header's CRC-8 does not match");
        }

        var (channels, assignment) = channelCode switch
        {
            <= 7 => (channelCode + 1, FlacChannelAssignment.Independent),
            8 => (2, FlacChannelAssignment.LeftSide),
            9 => (2, FlacChannelAssignment.RightSide),
            _ => (2, FlacChannelAssignment.MidSide),
        };
        int bits = sizeCode == 0 ? stream.BitsPerSample : CodedSampleSizes[sizeCode];
        return new FlacFrameHeader(variable, blockSize, sampleRate, channels, assignment, bits, number, position + 1);
    }

    /// <summary>The frame or sample number, coded like UTF-8 extended to 7 bytes (36 bits).</summary>
    private static long ReadCodedNumber(ReadOnlySpan<byte> bytes, ref int position, int maxBytes)
    {
        byte first = bytes[position++];
        int continuation = first switch
        {
            < 0x80 => 0,
            >= 0xC0 and < 0xE0 => 1,
            >= 0xE0 and < 0xF0 => 2,
            >= 0xF0 and < 0xF8 => 3,
            >= 0xF8 and < 0xFC => 4,
            >= 0xFC and < 0xFE => 5,
            0xFE => 6,
            _ => -1,
        };
        if (continuation < 0 || continuation + 1 > maxBytes)
        {
            throw new FlacDamageException("its frame header's coded frame number is invalid");
        }

        long value = continuation == 0 ? first : first & (0x3F >> continuation);
        for (int i = 0; i < continuation; i++)
        {
            if (position >= bytes.Length || (bytes[position] & 0xC0) != 0x80)
            {
                throw new FlacDamageException("its frame header's coded frame number is invalid");
            }

            value = (value << 6) | (bytes[position++] & 0x3Fu);
        }

        return value;
    }

    private static int ReadTail(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (position + count > bytes.Length)
        {
            throw FlacDamageException.CutShort("the file ends inside its frame header");
        }

        int value = count == 1 ? bytes[position] : (bytes[position] << 8) | bytes[position + 1];
        position += count;
        return value;
    }
}
