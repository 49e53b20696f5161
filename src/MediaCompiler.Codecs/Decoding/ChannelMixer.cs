namespace MediaCompiler.Codecs.Decoding;

/// <summary>Mixes interleaved multi-channel samples down to mono by averaging the channels of each frame.</summary>
internal static class ChannelMixer
{
    /// <summary>Appends the mono mix of <paramref name="interleaved"/> (whole frames only) to <paramref name="mono"/>.</summary>
    public static void AppendMono(ReadOnlySpan<float> interleaved, int channels, List<float> mono)
    {
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
