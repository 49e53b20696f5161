namespace MediaCompiler.Audio.Probing;

/// <summary>
/// FLAC's STREAMINFO block (34 bytes): block and frame sizes, then 20 bits of sample rate, 3 of channels - 1,
/// 5 of bits per sample - 1 and 36 of total samples. Shared by native FLAC and FLAC-in-Ogg.
/// </summary>
internal readonly record struct FlacStreamInfo(int SampleRate, int Channels, int BitsPerSample, long TotalSamples)
{
    public const int Size = 34;

    public static FlacStreamInfo? Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length < Size)
        {
            return null;
        }

        var rate = (block[10] << 12) | (block[11] << 4) | (block[12] >> 4);
        var channels = ((block[12] >> 1) & 0x7) + 1;
        var bits = (((block[12] & 0x1) << 4) | (block[13] >> 4)) + 1;
        var samples = ((long)(block[13] & 0xF) << 32) | ((long)block[14] << 24) | ((long)block[15] << 16) | ((long)block[16] << 8) | block[17];
        return rate == 0 ? null : new FlacStreamInfo(rate, channels, bits, samples);
    }
}
