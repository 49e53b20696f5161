using MediaCompiler.Codecs.Decoding.Mp3.NLayer;
using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// Feeds a stream's frames, as <see cref="Mp3FrameWalker"/> finds them, to one of the vendored NLayer layer decoders,
/// and collects what they decode: the frame loop Layer III (<see cref="Mp3Decoder"/>) and Layers I/II
/// (<see cref="MpegLayerIIDecoder"/>) share.
/// </summary>
internal static class MpegFrameDecoding
{
    /// <summary>The most samples per channel one frame holds (Layer II, and MPEG-1 Layer III: 1,152).</summary>
    private const int MaxFrameSamples = 1152;

    /// <summary>
    /// Every frame's samples, mixed to mono and, when asked, per channel (two lists; a mono stream's second repeats
    /// its first). A frame that changes between mono and stereo mid-stream keeps the stream's channel count: its
    /// missing channel repeats the one it has.
    /// </summary>
    public static (List<float> Mono, List<float>[] Channels, ChannelClipping? Clipping) Decode(
        LayerDecoderBase decoder, byte[] content, int firstFrameOffset, MpegAudioFrame first, CancellationToken cancellationToken, bool keepChannels = false)
    {
        var left = new float[MaxFrameSamples];
        var right = new float[MaxFrameSamples];
        var mono = new List<float>(EstimateSamples(content.Length, first.SampleRate));
        var channels = keepChannels ? new[] { new List<float>(), new List<float>() } : [];
        bool stereo = first.ChannelMode != MpegChannelMode.Mono;
        var clipping = ChannelMixer.ClippingTracker(stereo ? 2 : 1);
        foreach (var (offset, frame) in Mp3FrameWalker.Frames(content, firstFrameOffset, first.SampleRate, first.FreeFormatBytes, first.Layer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count;
            try
            {
                count = decoder.DecodeFrame(new Mp3FrameBits(content, offset, frame), left, right);
            }
            catch (InvalidDataException)
            {
                // A frame whose side information or main data does not add up (or, in Layers I/II, whose allocation
                // reaches past its end): NLayer's policy, kept, is to drop it and start afresh, as after a seek; the
                // next frames decode once their data is whole.
                decoder.ResetForSeek();
                continue;
            }

            var second = frame.ChannelMode == MpegChannelMode.Mono ? left : right;
            for (int i = 0; i < count; i++)
            {
                mono.Add(stereo ? (left[i] + second[i]) * 0.5f : left[i]);
                clipping?.Add(0, left[i]);
                clipping?.Add(1, second[i]);
            }

            if (keepChannels)
            {
                channels[0].AddRange(left.AsSpan(0, count));
                channels[1].AddRange(second.AsSpan(0, count));
            }
        }

        return (mono, channels, clipping?.Finish());
    }

    private static int EstimateSamples(int bytes, int sampleRate) =>
        (int)Math.Min(1 << 22, (long)bytes * sampleRate / 4000); // about 32 kbit/s: a capacity hint, not a limit
}
