namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// What a native FLAC stream declares before its frames: the STREAMINFO block (RFC 9639 section 8.2) and where the
/// first frame starts. An ID3v2 tag in front of "fLaC" is skipped; other metadata blocks are skipped by their length.
/// </summary>
internal sealed record FlacStreamHeader(
    int MinBlockSize,
    int MaxBlockSize,
    int SampleRate,
    int Channels,
    int BitsPerSample,
    long TotalSamples,
    byte[] Md5,
    int FirstFrameOffset)
{
    private const int StreamInfoLength = 34;
    private const int Id3HeaderLength = 10;
    private const int StreamInfoType = 0;
    private const int InvalidBlockType = 127;

    /// <summary>Whether STREAMINFO carries the MD5 of the decoded samples (an encoder may leave it all zero).</summary>
    public bool HasMd5 => Md5.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Parses the stream marker and metadata blocks, or throws <see cref="FlacDamageException"/> saying what is wrong.</summary>
    public static FlacStreamHeader Read(byte[] content)
    {
        int offset = SkipId3v2(content);
        if (content.Length < offset + 4 || !content.AsSpan(offset, 4).SequenceEqual("fLaC"u8))
        {
            throw new FlacDamageException("it does not start with the \"fLaC\" stream marker");
        }

        offset += 4;
        FlacStreamHeader? header = null;
        bool last = false;
        while (!last)
        {
            if (content.Length - offset < 4)
            {
                throw FlacDamageException.CutShort($"the file ends inside the metadata block header at byte {offset:N0}");
            }

            last = (content[offset] & 0x80) != 0;
            int type = content[offset] & 0x7F;
            int length = (content[offset + 1] << 16) | (content[offset + 2] << 8) | content[offset + 3];
            offset += 4;
            if (length > content.Length - offset)
            {
                throw FlacDamageException.CutShort($"the metadata block at byte {offset - 4:N0} declares {length:N0} bytes but the file holds only {content.Length - offset:N0} more");
            }

            if (type == InvalidBlockType)
            {
                throw new FlacDamageException($"the metadata block at byte {offset - 4} has the forbidden type 127");
            }

            if (header is null)
            {
                if (type != StreamInfoType || length != StreamInfoLength)
                {
                    throw new FlacDamageException("its first metadata block is not a 34-byte STREAMINFO");
                }

                header = ParseStreamInfo(content.AsSpan(offset, length));
            }
            else if (type == StreamInfoType)
            {
                throw new FlacDamageException($"a second STREAMINFO block appears at byte {offset - 4}");
            }

            offset += length;
        }

        return header! with { FirstFrameOffset = offset };
    }

    private static FlacStreamHeader ParseStreamInfo(ReadOnlySpan<byte> block)
    {
        int minBlock = (block[0] << 8) | block[1];
        int maxBlock = (block[2] << 8) | block[3];
        int rate = (block[10] << 12) | (block[11] << 4) | (block[12] >> 4);
        int channels = ((block[12] >> 1) & 0x7) + 1;
        int bits = (((block[12] & 0x1) << 4) | (block[13] >> 4)) + 1;
        long total = ((long)(block[13] & 0xF) << 32) | ((long)block[14] << 24) | ((long)block[15] << 16) | ((long)block[16] << 8) | block[17];
        if (rate == 0)
        {
            throw new FlacDamageException("its STREAMINFO gives a sample rate of 0 Hz");
        }

        if (maxBlock < 16 || minBlock > maxBlock)
        {
            throw new FlacDamageException($"its STREAMINFO gives block sizes {minBlock}-{maxBlock}, not a valid range of at least 16 samples");
        }

        if (bits < 4)
        {
            throw new FlacDamageException($"its STREAMINFO gives {bits} bits per sample (FLAC allows 4 to 32)");
        }

        return new FlacStreamHeader(minBlock, maxBlock, rate, channels, bits, total, block.Slice(18, 16).ToArray(), 0);
    }

    /// <summary>The offset past an ID3v2 tag (header, syncsafe size, optional footer), or 0 when there is none.</summary>
    private static int SkipId3v2(byte[] content)
    {
        if (content.Length < Id3HeaderLength || !content.AsSpan(0, 3).SequenceEqual("ID3"u8))
        {
            return 0;
        }

        int size = ((content[6] & 0x7F) << 21) | ((content[7] & 0x7F) << 14) | ((content[8] & 0x7F) << 7) | (content[9] & 0x7F);
        bool footer = (content[5] & 0x10) != 0;
        long end = Id3HeaderLength + (long)size + (footer ? Id3HeaderLength : 0);
        return (int)Math.Min(end, content.Length);
    }
}
