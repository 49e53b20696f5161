using MediaCompiler.Codecs.Decoding.Mp3.NLayer;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// The facts of an MPEG audio Layer III frame header (ISO/IEC 11172-3, 13818-3 and the "2.5" extension) that the
/// gapless trimming and the frame walker need: where the frame ends, how many samples it holds, where its side
/// information ends, and the version and channel mode the Layer III decoder reads.
/// </summary>
/// <remarks>
/// A free-format frame (bitrate index 0) has the stream's fixed length, which no header names:
/// <see cref="MediaCompiler.Audio.Probing.MpegFreeFormat"/> finds it from the distance between headers, and it is
/// passed in here as <c>freeFormatBytes</c> (the unpadded length, <see cref="FreeFormatBytes"/>).
/// </remarks>
internal readonly record struct MpegAudioFrame(
    int SampleRate, int SamplesPerFrame, int Length, int SideInfoSize, bool HasCrc, MpegVersion Version, MpegChannelMode ChannelMode, int ModeExtension,
    int FreeFormatBytes = 0)
{
    public const int HeaderSize = 4;

    private static readonly int[] Mpeg1Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    /// <summary>
    /// Parses a Layer III header; false for anything else (other layers, reserved values, and free format unless
    /// <paramref name="freeFormatBytes"/>, the stream's unpadded free-format frame length, is given).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegAudioFrame frame, int freeFormatBytes = 0)
    {
        frame = default;
        if (bytes.Length < HeaderSize || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        int version = (bytes[1] >> 3) & 0x3; // 0 = MPEG 2.5, 2 = MPEG 2, 3 = MPEG 1
        int layer = (bytes[1] >> 1) & 0x3;   // 1 = Layer III
        int bitrateIndex = bytes[2] >> 4;
        int rateIndex = (bytes[2] >> 2) & 0x3;
        if (version == 1 || layer != 1 || bitrateIndex == 15 || (bitrateIndex == 0 && freeFormatBytes <= 0) || rateIndex == 3)
        {
            return false;
        }

        bool mpeg1 = version == 3;
        int sampleRate = Mpeg1Rates[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        int kbps = (mpeg1 ? Mpeg1Kbps : Mpeg2Kbps)[bitrateIndex];
        int samplesPerFrame = mpeg1 ? 1152 : 576;
        int padding = (bytes[2] >> 1) & 0x1;
        int length = bitrateIndex == 0 ? freeFormatBytes + padding : (samplesPerFrame / 8 * kbps * 1000 / sampleRate) + padding;
        bool mono = (bytes[3] >> 6) == 3;
        int sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        bool hasCrc = (bytes[1] & 0x1) == 0;
        var mpegVersion = mpeg1 ? MpegVersion.Version1 : version == 2 ? MpegVersion.Version2 : MpegVersion.Version25;
        frame = new MpegAudioFrame(sampleRate, samplesPerFrame, length, sideInfo, hasCrc, mpegVersion, (MpegChannelMode)(bytes[3] >> 6), (bytes[3] >> 4) & 0x3,
            bitrateIndex == 0 ? freeFormatBytes : 0);
        return true;
    }
}
