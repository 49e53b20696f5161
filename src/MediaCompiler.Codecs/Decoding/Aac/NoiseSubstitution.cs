namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Perceptual noise substitution (ISO/IEC 14496-3 4.6.13): a band coded with the noise codebook is filled with
/// random values scaled so that the band's energy is 2^(0.5·noise_energy), per window. The random source is a fixed
/// linear congruential generator, seeded once per decode, so that the same stream always decodes to the same samples.
/// </summary>
internal sealed class NoiseSubstitution
{
    private uint _state = 0x1F2E3D4C;

    /// <summary>Fills every noise band of <paramref name="channel"/>.</summary>
    public void Apply(ChannelStream channel) => Apply(channel, null, null);

    /// <summary>
    /// Fills the noise bands of the right channel of a pair. Where M/S is signalled for a band that is noise in both
    /// channels, the standard asks for the same noise in both: the left channel's vector is reused at the right's energy.
    /// </summary>
    public void Apply(ChannelStream channel, ChannelStream? left, bool[]? msUsed)
    {
        var info = channel.Info;
        var windowStart = 0;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                if (channel.Codebook(g, band) != AacCodebooks.NoiseCodebook)
                {
                    continue;
                }

                var slot = (g * ChannelStream.BandStride) + band;
                var correlated = left is not null && msUsed is not null && msUsed[slot]
                    && left.Codebook(g, band) == AacCodebooks.NoiseCodebook;
                var targetAmplitude = Math.Pow(2.0, 0.25 * channel.ScaleFactors[slot]);
                for (var w = 0; w < info.GroupLength[g]; w++)
                {
                    var start = ((windowStart + w) * info.WindowLength) + info.BandOffsets[band];
                    var span = channel.Spectrum.AsSpan(start, info.BandOffsets[band + 1] - info.BandOffsets[band]);
                    if (correlated)
                    {
                        left!.Spectrum.AsSpan(start, span.Length).CopyTo(span);
                    }
                    else
                    {
                        Fill(span);
                    }

                    Normalize(span, targetAmplitude);
                }
            }

            windowStart += info.GroupLength[g];
        }
    }

    private void Fill(Span<float> band)
    {
        for (var i = 0; i < band.Length; i++)
        {
            _state = unchecked((_state * 1664525u) + 1013904223u);
            band[i] = (int)_state;
        }
    }

    private static void Normalize(Span<float> band, double targetAmplitude)
    {
        var energy = 0.0;
        foreach (var value in band)
        {
            energy += (double)value * value;
        }

        var scale = energy > 0 ? targetAmplitude / Math.Sqrt(energy) : 0;
        for (var i = 0; i < band.Length; i++)
        {
            band[i] = (float)(band[i] * scale);
        }
    }
}
