using MediaCompiler.Codecs.Decoding.Mp3.NLayer;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// Decodes MPEG Layer III with the Layer III decoder vendored from NLayer (managed; see NLayer/LICENSE.txt), fed frame
/// by frame by our own frame walker, then trims what the encoder added: the LAME/Info header's encoder delay plus the
/// decoder's own 529-sample delay at the start, and the declared padding at the end, so that the result has the length
/// and alignment of the source signal (as ffmpeg and mpg123 give it). Vendored rather than referenced because the
/// package decodes MPEG-2.5 8 kHz short blocks wrongly (see the "MediaCompiler:" notes in the vendored code).
/// </summary>
internal sealed class Mp3Decoder : IManagedDecoder
{
    public string FormatName => "MP3";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (LameGaplessInfo.Read(content) is not { } gapless)
        {
            return DecoderFailure.Damaged(fileName, FormatName, "no MPEG Layer III frame was found");
        }

        if (gapless.FirstAudioFrameOffset >= content.Length)
        {
            // A file cut inside its Info (LAME) frame: the tag promises audio the bytes do not hold.
            return DecoderFailure.Damaged(fileName, FormatName, "the file ends before its first audio frame");
        }

        List<float> mono;
        ChannelClipping? clipping;
        try
        {
            // Decoding starts at the first audio frame: the Info frame would otherwise decode as a frame of silence.
            (mono, _, clipping) = DecodeFrames(content, gapless, cancellationToken);
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Thrown(fileName, FormatName, e);
        }

        return DecodeResult.Success(new DecodedAudio(Trim(mono, gapless), gapless.Frame.SampleRate) { Clipping = clipping });
    }

    /// <summary>
    /// Every frame's samples, per channel (one list for mono, two for stereo) and mixed to mono; untrimmed. Tests
    /// compare the channels with a reference decoder, since a mono mix hides errors in the side (L − R) signal.
    /// </summary>
    internal static (List<float> Mono, List<float>[] Channels, ChannelClipping? Clipping) DecodeFrames(byte[] content, LameGaplessInfo gapless, CancellationToken cancellationToken, bool keepChannels = false) =>
        MpegFrameDecoding.Decode(new LayerIIIDecoder(), content, (int)gapless.FirstAudioFrameOffset, gapless.Frame, cancellationToken, keepChannels);

    /// <summary>Drops the leading delay and, when the frame count is declared, everything past the signal's end.</summary>
    internal static float[] Trim(List<float> decoded, LameGaplessInfo gapless)
    {
        bool declared = gapless.EncoderDelay > 0 || gapless.Padding > 0;
        int skip = declared ? Math.Min(gapless.LeadingSamplesToSkip, decoded.Count) : 0;
        int available = decoded.Count - skip;
        int keep = declared && gapless.SignalSamples is { } signal ? (int)Math.Min(signal, available) : available;
        var samples = new float[keep];
        decoded.CopyTo(skip, samples, 0, keep);
        return samples;
    }
}
