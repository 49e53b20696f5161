using MediaCompiler.Codecs.Decoding.Mp3.NLayer;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// Decodes MPEG audio Layer II (broadcast and DVD audio, ".mp2") or Layer I (".mp1") with the layer decoders vendored
/// from NLayer beside its Layer III one (managed; see NLayer/LICENSE.txt), fed frame by frame by the same frame walker.
/// These layers carry no encoder delay or padding declaration (there is no LAME tag), so nothing is trimmed: the
/// result has every frame's samples, as ffmpeg decodes them. The platform accepts neither layer (IVR1108); decoding
/// them in-process is what lets the quality checks read them and <c>ivr-media fix</c> convert them with no ffmpeg.
/// </summary>
internal sealed class MpegLayerIIDecoder(int layer) : IManagedDecoder
{
    public string FormatName => layer == 1 ? "MP1" : "MP2";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (offset, freeFormatBytes) = MpegStreamStart.Find(content, layer);
        if (offset < 0 || !MpegAudioFrame.TryParse(content.AsSpan((int)offset), out var first, freeFormatBytes, layer))
        {
            return DecoderFailure.Damaged(fileName, FormatName, $"no MPEG Layer {(layer == 1 ? "I" : "II")} frame was found");
        }

        List<float> mono;
        ChannelClipping? clipping;
        try
        {
            LayerDecoderBase decoder = layer == 1 ? new LayerIDecoder() : new LayerIIDecoder();
            (mono, _, clipping) = MpegFrameDecoding.Decode(decoder, content, (int)offset, first, cancellationToken);
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Thrown(fileName, FormatName, e);
        }

        return DecodeResult.Success(new DecodedAudio(mono.ToArray(), first.SampleRate) { Clipping = clipping });
    }
}
