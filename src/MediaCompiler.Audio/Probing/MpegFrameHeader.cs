namespace MediaCompiler.Audio.Probing;

/// <summary>MPEG audio version, from the two version bits of a frame header.</summary>
internal enum MpegVersion
{
    Mpeg1,
    Mpeg2,
    Mpeg25,
}

/// <summary>
/// One MPEG audio frame header (ISO 11172-3 / 13818-3 and the MPEG-2.5 extension): 11 sync bits, version, layer,
/// bitrate and sample-rate indexes, padding and channel mode. Reserved values are rejected, which is what keeps random
/// bytes from passing as frames; so is free format (bitrate index 0) unless the caller knows the stream's free-format
/// frame length (<see cref="MpegFreeFormat"/> finds it from the distance between headers), since the header alone
/// does not say where such a frame ends.
/// </summary>
internal readonly record struct MpegFrameHeader(
    MpegVersion Version,
    int Layer,
    bool HasCrc,
    int BitrateKbps,
    int SampleRate,
    bool Padding,
    int ChannelMode)
{
    public const int Size = 4;

    /// <summary>Channel mode 3 is single channel; 0-2 (stereo, joint stereo, dual channel) carry two.</summary>
    public const int ChannelModeMono = 3;

    // Bitrates in kbps by [row][index]; rows: V1 L1, V1 L2, V1 L3, V2/2.5 L1, V2/2.5 L2 and L3. Index 0 (free format)
    // and 15 (bad) are excluded before lookup.
    private static readonly short[][] Bitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    ];

    private static readonly int[][] SampleRates =
    [
        [44100, 48000, 32000],
        [22050, 24000, 16000],
        [11025, 12000, 8000],
    ];

    public int Channels => ChannelMode == ChannelModeMono ? 1 : 2;

    /// <summary>
    /// A free-format frame's length in bytes without its padding slot (the same for every frame of the stream); 0 for
    /// a frame whose bitrate index gives its length.
    /// </summary>
    public int FreeFormatBytes { get; init; }

    public bool IsFreeFormat => FreeFormatBytes > 0;

    /// <summary>The bitrate the bitrate index names, or that a free-format frame's length implies.</summary>
    public long BitrateBps => IsFreeFormat ? FreeFormatBytes * 8L * SampleRate / SamplesPerFrame : BitrateKbps * 1000L;

    public int SamplesPerFrame => Layer switch
    {
        1 => 384,
        2 => 1152,
        _ => Version == MpegVersion.Mpeg1 ? 1152 : 576,
    };

    /// <summary>Whole frame length in bytes, header included.</summary>
    public int FrameLength => IsFreeFormat ? FreeFormatBytes + (Padding ? PaddingBytes : 0)
        : Layer == 1 ? ((12 * BitrateKbps * 1000 / SampleRate) + (Padding ? 1 : 0)) * 4
        : (SamplesPerFrame / 8 * BitrateKbps * 1000 / SampleRate) + (Padding ? 1 : 0);

    /// <summary>A padding slot: 4 bytes in Layer I, 1 in Layers II and III.</summary>
    public int PaddingBytes => Layer == 1 ? 4 : 1;

    /// <summary>Layer III side information size, after which a Xing/Info tag sits in the first frame.</summary>
    public int SideInfoSize => Version == MpegVersion.Mpeg1
        ? (Channels == 1 ? 17 : 32)
        : (Channels == 1 ? 9 : 17);

    public string Codec => Layer switch { 1 => "mp1", 2 => "mp2", _ => "mp3" };

    public string Description
    {
        get
        {
            var version = Version switch { MpegVersion.Mpeg1 => "MPEG-1", MpegVersion.Mpeg2 => "MPEG-2", _ => "MPEG-2.5" };
            var layer = Layer switch { 1 => "I", 2 => "II", _ => "III" };
            return IsFreeFormat ? $"{version} Layer {layer} (free format)" : $"{version} Layer {layer}";
        }
    }

    /// <summary>True when this frame belongs to the same stream as <paramref name="other"/> (the fields that never change).</summary>
    public bool SameStreamAs(MpegFrameHeader other) =>
        Version == other.Version && Layer == other.Layer && SampleRate == other.SampleRate;

    /// <summary>Whether the bytes start with the sync word of an MPEG audio header whose bitrate index is 0 (free format).</summary>
    public static bool IsFreeFormatHeader(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= Size && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0 && (bytes[2] >> 4) == 0;

    /// <summary>
    /// Parses a header. A free-format one parses only with <paramref name="freeFormatBytes"/>, the stream's unpadded
    /// free-format frame length; without it, it is rejected like any header whose frame length is unknown.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegFrameHeader header, int freeFormatBytes = 0)
    {
        header = default;
        if (bytes.Length < Size || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var versionBits = (bytes[1] >> 3) & 0x3;
        var layerBits = (bytes[1] >> 1) & 0x3;
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 0x3;
        var emphasis = bytes[3] & 0x3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || (bitrateIndex == 0 && freeFormatBytes <= 0) || rateIndex == 3 || emphasis == 2)
        {
            return false;
        }

        var version = versionBits switch { 3 => MpegVersion.Mpeg1, 2 => MpegVersion.Mpeg2, _ => MpegVersion.Mpeg25 };
        var layer = 4 - layerBits;
        var row = version == MpegVersion.Mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4);
        header = new MpegFrameHeader(
            version,
            layer,
            HasCrc: (bytes[1] & 0x1) == 0,
            Bitrates[row][bitrateIndex],
            SampleRates[(int)version][rateIndex],
            Padding: ((bytes[2] >> 1) & 0x1) == 1,
            ChannelMode: bytes[3] >> 6) { FreeFormatBytes = bitrateIndex == 0 ? freeFormatBytes : 0 };
        return true;
    }
}
