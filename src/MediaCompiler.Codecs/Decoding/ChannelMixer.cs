using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>Mixes interleaved multi-channel samples down to mono by averaging the channels of each frame.</summary>
internal static class ChannelMixer
{
    /// <summary>What counts a source's clipping channel by channel before it is mixed: none for a mono source.</summary>
    public static ChannelClipping.Tracker? ClippingTracker(int channels, float gain = 1f) =>
        channels > 1 ? new ChannelClipping.Tracker(channels, gain) : null;

    /// <summary>
    /// Appends the mono mix of <paramref name="interleaved"/> (whole frames only) to <paramref name="mono"/>, after
    /// counting each channel's clipping into <paramref name="clipping"/> (see <see cref="ClippingTracker"/>).
    /// </summary>
    public static void AppendMono(ReadOnlySpan<float> interleaved, int channels, List<float> mono, ChannelClipping.Tracker? clipping = null)
    {
        clipping?.AddInterleaved(interleaved, channels);
        if (channels == 1)
        {
            foreach (float sample in interleaved)
            {
                mono.Add(sample);
            }

            return;
        }

        float share = 1f / channels;
        int frames = interleaved.Length / channels;
        for (int frame = 0; frame < frames; frame++)
        {
            float sum = 0;
            for (int channel = 0; channel < channels; channel++)
            {
                sum += interleaved[(frame * channels) + channel];
            }

            mono.Add(sum * share);
        }
    }
}
