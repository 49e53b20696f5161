using MediaCompiler.Codecs.Decoding.Mp3.NLayer;
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
    /// <summary>The most samples per channel one Layer III frame holds (MPEG-1: two granules of 576).</summary>
    private const int MaxFrameSamples = 1152;

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
        try
        {
            // Decoding starts at the first audio frame: the Info frame would otherwise decode as a frame of silence.
            mono = DecodeFrames(content, gapless, cancellationToken).Mono;
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Thrown(fileName, FormatName, e);
        }

        return DecodeResult.Success(new DecodedAudio(Trim(mono, gapless), gapless.Frame.SampleRate));
    }

    /// <summary>
    /// Every frame's samples, per channel (one list for mono, two for stereo) and mixed to mono; untrimmed. Tests
    /// compare the channels with a reference decoder, since a mono mix hides errors in the side (L − R) signal.
    /// </summary>
    internal static (List<float> Mono, List<float>[] Channels) DecodeFrames(byte[] content, LameGaplessInfo gapless, CancellationToken cancellationToken, bool keepChannels = false)
    {
        var decoder = new LayerIIIDecoder();
        var left = new float[MaxFrameSamples];
        var right = new float[MaxFrameSamples];
        var mono = new List<float>(EstimateSamples(content.Length, gapless));
        var channels = keepChannels ? new[] { new List<float>(), new List<float>() } : [];
        bool stereo = gapless.Frame.ChannelMode != MpegChannelMode.Mono;
        foreach (var (offset, frame) in Mp3FrameWalker.Frames(content, (int)gapless.FirstAudioFrameOffset, gapless.Frame.SampleRate, gapless.Frame.FreeFormatBytes))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count;
            try
            {
                count = decoder.DecodeFrame(new Mp3FrameBits(content, offset, frame), left, right);
            }
            catch (InvalidDataException)
            {
                // A frame whose side information or main data does not add up: NLayer's policy, kept, is to drop it and
                // start the bit reservoir afresh, as after a seek; the next frames decode once their main data is whole.
                decoder.ResetForSeek();
                continue;
            }

            // A frame that changes between mono and stereo mid-stream keeps the stream's channel count: its missing
            // channel repeats the one it has.
            var second = frame.ChannelMode == MpegChannelMode.Mono ? left : right;
            for (int i = 0; i < count; i++)
            {
                mono.Add(stereo ? (left[i] + second[i]) * 0.5f : left[i]);
            }

            if (keepChannels)
            {
                channels[0].AddRange(left.AsSpan(0, count));
                channels[1].AddRange(second.AsSpan(0, count));
            }
        }

        return (mono, channels);
    }

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

    private static int EstimateSamples(int bytes, LameGaplessInfo gapless) =>
        (int)Math.Min(1 << 22, (long)bytes * gapless.Frame.SampleRate / 4000); // about 32 kbit/s: a capacity hint, not a limit
}
