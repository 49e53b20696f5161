namespace MediaCompiler.Audio.Probing;

/// <summary>
/// One ADTS frame header (ISO 14496-3 1.A.2): 12 sync bits, layer 0, profile, sampling-frequency index, channel
/// configuration, the 13-bit frame length (header included) and the number of raw data blocks.
/// </summary>
internal readonly record struct AdtsFrameHeader(
    bool IsMpeg2,
    int Profile,
    int SamplingIndex,
    int ChannelConfiguration,
    int FrameLength,
    int RawDataBlocks)
{
    public const int Size = 7;

    private static readonly int[] SampleRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    public int SampleRate => SampleRates[SamplingIndex];

    /// <summary>Each raw data block codes 1024 samples.</summary>
    public int Samples => 1024 * RawDataBlocks;

    public string Description => Profile switch
    {
        0 => "AAC Main",
        1 => "AAC LC",
        2 => "AAC SSR",
        _ => "AAC LTP",
    };

    public bool SameStreamAs(AdtsFrameHeader other) =>
        IsMpeg2 == other.IsMpeg2 && Profile == other.Profile && SamplingIndex == other.SamplingIndex &&
        ChannelConfiguration == other.ChannelConfiguration;

    public static bool TryParse(ReadOnlySpan<byte> bytes, out AdtsFrameHeader header)
    {
        header = default;
        // Sync 0xFFF then layer 00: the layer bits are what tell ADTS apart from MPEG audio (where 00 is reserved).
        if (bytes.Length < Size || bytes[0] != 0xFF || (bytes[1] & 0xF6) != 0xF0)
        {
            return false;
        }

        var protectionAbsent = (bytes[1] & 0x1) == 1;
        var samplingIndex = (bytes[2] >> 2) & 0xF;
        var frameLength = ((bytes[3] & 0x3) << 11) | (bytes[4] << 3) | (bytes[5] >> 5);
        var minimumLength = Size + (protectionAbsent ? 0 : 2);
        if (samplingIndex >= SampleRates.Length || frameLength <= minimumLength)
        {
            return false;
        }

        header = new AdtsFrameHeader(
            IsMpeg2: (bytes[1] & 0x8) != 0,
            Profile: bytes[2] >> 6,
            samplingIndex,
            ChannelConfiguration: ((bytes[2] & 0x1) << 2) | (bytes[3] >> 6),
            frameLength,
            RawDataBlocks: (bytes[6] & 0x3) + 1);
        return true;
    }
}
