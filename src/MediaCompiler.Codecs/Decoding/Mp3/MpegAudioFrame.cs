using MediaCompiler.Audio.Probing;
using MediaCompiler.Codecs.Decoding.Mp3.NLayer;
using NLayerVersion = MediaCompiler.Codecs.Decoding.Mp3.NLayer.MpegVersion;
using ProbeVersion = MediaCompiler.Audio.Probing.MpegVersion;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// The facts of an MPEG audio frame header (ISO/IEC 11172-3, 13818-3 and the "2.5" extension) that the frame walker,
/// the gapless trimming and the vendored layer decoders need: where the frame ends, how many samples it holds, its
/// bitrate (Layer II picks its allocation tables by it), where a Layer III frame's side information ends, and the
/// version and channel mode. The header itself is read by the probe's <see cref="MpegFrameHeader"/>: one parser for
/// what the probe reports and what the decoders decode.
/// </summary>
/// <remarks>
/// A free-format frame (bitrate index 0) has the stream's fixed length, which no header names:
/// <see cref="MpegFreeFormat"/> finds it from the distance between headers, and it is passed in here as
/// <c>freeFormatBytes</c> (the unpadded length, <see cref="FreeFormatBytes"/>).
/// </remarks>
internal readonly record struct MpegAudioFrame(
    int Layer, int SampleRate, int SamplesPerFrame, int Length, int BitRate, int SideInfoSize, bool HasCrc, NLayerVersion Version,
    MpegChannelMode ChannelMode, int ModeExtension, int FreeFormatBytes = 0)
{
    public const int HeaderSize = MpegFrameHeader.Size;

    /// <summary>
    /// Parses a header of the given layer (3 unless told); false for anything else (other layers, reserved values, and
    /// free format unless <paramref name="freeFormatBytes"/>, the stream's unpadded free-format frame length, is given).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegAudioFrame frame, int freeFormatBytes = 0, int layer = 3)
    {
        frame = default;
        if (!MpegFrameHeader.TryParse(bytes, out var header, freeFormatBytes) || header.Layer != layer)
        {
            return false;
        }

        var version = header.Version switch
        {
            ProbeVersion.Mpeg1 => NLayerVersion.Version1,
            ProbeVersion.Mpeg2 => NLayerVersion.Version2,
            _ => NLayerVersion.Version25,
        };
        frame = new MpegAudioFrame(
            layer, header.SampleRate, header.SamplesPerFrame, header.FrameLength, (int)header.BitrateBps,
            SideInfoSize: layer == 3 ? header.SideInfoSize : 0, header.HasCrc, version, (MpegChannelMode)header.ChannelMode,
            ModeExtension: (bytes[3] >> 4) & 0x3, header.FreeFormatBytes);
        return true;
    }
}
