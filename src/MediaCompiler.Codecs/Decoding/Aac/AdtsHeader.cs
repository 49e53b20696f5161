namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// The ADTS frame header (ISO/IEC 14496-3 1.A.2.2, adts_fixed_header + adts_variable_header): 7 bytes, or 9 with
/// the CRC that follows when protection_absent is 0.
/// </summary>
internal sealed record AdtsHeader(
    int Profile,
    int SampleRateIndex,
    int ChannelConfiguration,
    int FrameLength,
    bool ProtectionAbsent,
    int RawDataBlocks)
{
    public const int FixedLength = 7;
    public const int LowComplexityProfile = 1;

    /// <summary>Bytes from the frame start to the first raw_data_block (header, block positions and header CRC).</summary>
    public int PayloadOffset => FixedLength + (ProtectionAbsent ? 0 : 2 * RawDataBlocks);

    /// <summary>The sampling rate in Hz (indexes 13-15 are reserved and rejected before this is asked).</summary>
    public int SampleRate => SampleRateIndex < AacSamplingTables.SampleRates.Length
        ? AacSamplingTables.SampleRates[SampleRateIndex]
        : 0;

    public string ProfileName => Profile switch
    {
        0 => "Main",
        1 => "LC",
        2 => "SSR",
        _ => "LTP",
    };

    /// <summary>Parses the header at <paramref name="offset"/>; null when there is no sync word or not enough bytes.</summary>
    public static AdtsHeader? TryParse(ReadOnlySpan<byte> data, int offset)
    {
        if (offset + FixedLength > data.Length || data[offset] != 0xFF || (data[offset + 1] & 0xF0) != 0xF0)
        {
            return null;
        }

        var h = data.Slice(offset, FixedLength);
        var protectionAbsent = (h[1] & 0x01) != 0;
        var profile = h[2] >> 6;
        var sampleRateIndex = (h[2] >> 2) & 0x0F;
        var channelConfiguration = ((h[2] & 0x01) << 2) | (h[3] >> 6);
        var frameLength = ((h[3] & 0x03) << 11) | (h[4] << 3) | (h[5] >> 5);
        var rawDataBlocks = (h[6] & 0x03) + 1;
        return new AdtsHeader(profile, sampleRateIndex, channelConfiguration, frameLength, protectionAbsent, rawDataBlocks);
    }

    /// <summary>Channels of the configuration (Table 1.19): 1-6 as numbered, 7 = 7.1.</summary>
    public static int ChannelCount(int configuration) => configuration == 7 ? 8 : configuration;
}
