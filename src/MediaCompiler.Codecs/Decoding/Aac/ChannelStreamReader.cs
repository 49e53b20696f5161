namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Reads individual_channel_stream() (ISO/IEC 14496-3 4.4.2.7): global gain, ics_info, section data, scale factor
/// data, pulse, TNS and spectral data, into a <see cref="ChannelStream"/>. Every method returns what is wrong with
/// the bits, or null; nothing throws and every loop is bounded by the band counts of the window layout.
/// </summary>
internal static class ChannelStreamReader
{
    private const int NoiseEnergyOffset = 90;
    private const int NoisePcmBits = 9;
    private const int NoisePcmOffset = 256;
    private const int ScaleFactorDeltaZero = 60;

    public static string? Read(AacBitReader reader, ChannelStream channel, bool commonWindow, int sampleRateIndex)
    {
        channel.GlobalGain = reader.Read(8);
        if (!commonWindow)
        {
            var infoProblem = channel.Info.Read(reader, sampleRateIndex);
            if (infoProblem is not null)
            {
                return infoProblem;
            }
        }

        var problem = ReadSections(reader, channel) ?? ReadScaleFactors(reader, channel);
        if (problem is not null)
        {
            return problem;
        }

        problem = ReadPulses(reader, channel);
        if (problem is not null)
        {
            return problem;
        }

        channel.Tns.Present = reader.ReadFlag();
        if (channel.Tns.Present)
        {
            problem = channel.Tns.Read(reader, channel.Info);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (reader.ReadFlag())
        {
            return "gain_control_data_present is set (AAC SSR gain control, not AAC-LC)";
        }

        return reader.Overrun ? "the channel stream is longer than its frame" : SpectralReader.Read(reader, channel);
    }

    // section_data(): runs of bands sharing one codebook, per window group.
    private static string? ReadSections(AacBitReader reader, ChannelStream channel)
    {
        var info = channel.Info;
        var lengthBits = info.IsShort ? 3 : 5;
        var escape = (1 << lengthBits) - 1;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            var band = 0;
            while (band < info.MaxSfb)
            {
                var codebook = reader.Read(4);
                if (codebook == AacCodebooks.ReservedCodebook)
                {
                    return "section data uses the reserved codebook 12";
                }

                var length = 0;
                int increment;
                while ((increment = reader.Read(lengthBits)) == escape && !reader.Overrun)
                {
                    length += escape;
                }

                length += increment;
                if (reader.Overrun)
                {
                    return "the section data runs past the end of the frame";
                }

                if (band + length > info.MaxSfb)
                {
                    return $"a section ends at band {band + length}, past max_sfb {info.MaxSfb}";
                }

                // A zero-length section is legal but must not repeat forever: the overrun check above ends it.
                for (var i = 0; i < length; i++)
                {
                    channel.Codebooks[(g * ChannelStream.BandStride) + band + i] = codebook;
                }

                band += length;
            }
        }

        return null;
    }

    // scale_factor_data(): differential scale factors, intensity positions and noise energies, one chain each.
    private static string? ReadScaleFactors(AacBitReader reader, ChannelStream channel)
    {
        var info = channel.Info;
        var scaleFactor = channel.GlobalGain;
        var intensityPosition = 0;
        var noiseEnergy = channel.GlobalGain - NoiseEnergyOffset;
        var firstNoiseBand = true;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                var slot = (g * ChannelStream.BandStride) + band;
                var codebook = channel.Codebooks[slot];
                if (codebook == AacCodebooks.ZeroCodebook)
                {
                    channel.ScaleFactors[slot] = 0;
                    continue;
                }

                if (codebook == AacCodebooks.NoiseCodebook && firstNoiseBand)
                {
                    firstNoiseBand = false;
                    noiseEnergy += reader.Read(NoisePcmBits) - NoisePcmOffset;
                    channel.ScaleFactors[slot] = noiseEnergy;
                    continue;
                }

                var delta = AacCodebooks.ScaleFactor.Decode(reader);
                if (delta < 0)
                {
                    return $"an invalid scale factor codeword in band {band}";
                }

                delta -= ScaleFactorDeltaZero;
                if (AacCodebooks.IsIntensity(codebook))
                {
                    intensityPosition += delta;
                    channel.ScaleFactors[slot] = intensityPosition;
                }
                else if (codebook == AacCodebooks.NoiseCodebook)
                {
                    noiseEnergy += delta;
                    channel.ScaleFactors[slot] = noiseEnergy;
                }
                else
                {
                    scaleFactor += delta;
                    if (scaleFactor is < 0 or > 255)
                    {
                        return $"scale factor {scaleFactor} in band {band} is outside 0-255";
                    }

                    channel.ScaleFactors[slot] = scaleFactor;
                }
            }
        }

        return reader.Overrun ? "the scale factor data runs past the end of the frame" : null;
    }

    private static string? ReadPulses(AacBitReader reader, ChannelStream channel)
    {
        var pulses = channel.Pulses;
        pulses.Present = reader.ReadFlag();
        if (!pulses.Present)
        {
            return null;
        }

        if (channel.Info.IsShort)
        {
            return "pulse data in a frame of short windows";
        }

        pulses.Count = reader.Read(2) + 1;
        pulses.StartBand = reader.Read(6);
        if (pulses.StartBand >= channel.Info.BandCount)
        {
            return $"pulse_start_sfb {pulses.StartBand} is past the last band";
        }

        for (var i = 0; i < pulses.Count; i++)
        {
            pulses.Offsets[i] = reader.Read(5);
            pulses.Amplitudes[i] = reader.Read(4);
        }

        return null;
    }
}
