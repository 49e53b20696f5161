namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// spectral_data() (ISO/IEC 14496-3 4.4.2.7, 4.6.3): Huffman-coded quantized values by band and window, with sign
/// bits and escapes; then pulse data; then inverse quantization and scaling (4.6.1-4.6.2):
/// x = sign(q)·|q|^(4/3) · 2^(0.25·(sf − 100)).
/// </summary>
internal static class SpectralReader
{
    private const int EscapeValue = 16;
    private const int MaxEscapePrefix = 8;          // values stay below 2^13
    private const int ScaleFactorOffset = 100;
    private const int MaxQuantized = 8191 + 15;     // the largest escape plus the largest pulse amplitude

    private static readonly float[] PowerFourThirds = BuildPowerFourThirds();
    private static readonly float[] BandGain = BuildBandGain();

    public static string? Read(AacBitReader reader, ChannelStream channel)
    {
        var info = channel.Info;
        var quantized = channel.Quantized;
        Array.Clear(quantized);
        Span<int> values = stackalloc int[4];
        var windowStart = 0;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                var codebook = channel.Codebook(g, band);
                if (!AacCodebooks.IsSpectral(codebook))
                {
                    continue;
                }

                var book = AacCodebooks.SpectralBook(codebook);
                for (var w = 0; w < info.GroupLength[g]; w++)
                {
                    var baseIndex = (windowStart + w) * info.WindowLength;
                    for (var k = info.BandOffsets[band]; k < info.BandOffsets[band + 1]; k += book.Dimension)
                    {
                        var problem = ReadTuple(reader, book, values);
                        if (problem is not null)
                        {
                            return $"{problem} (codebook {codebook}, band {band})";
                        }

                        for (var j = 0; j < book.Dimension; j++)
                        {
                            quantized[baseIndex + k + j] = values[j];
                        }
                    }
                }
            }

            windowStart += info.GroupLength[g];
        }

        if (reader.Overrun)
        {
            return "the spectral data runs past the end of the frame";
        }

        ApplyPulses(channel);
        Dequantize(channel);
        return null;
    }

    private static string? ReadTuple(AacBitReader reader, SpectralCodebook book, Span<int> values)
    {
        var index = book.Table.Decode(reader);
        if (index < 0)
        {
            return "an invalid spectral codeword";
        }

        var modulus = book.Modulus;
        var offset = book.Signed ? modulus / 2 : 0;
        for (var j = book.Dimension - 1; j >= 0; j--)
        {
            values[j] = (index % modulus) - offset;
            index /= modulus;
        }

        if (book.Signed)
        {
            return null;
        }

        // Unsigned books: one sign bit per non-zero value, in order, then the escapes.
        for (var j = 0; j < book.Dimension; j++)
        {
            if (values[j] != 0 && reader.ReadFlag())
            {
                values[j] = -values[j];
            }
        }

        if (!book.HasEscape)
        {
            return null;
        }

        for (var j = 0; j < book.Dimension; j++)
        {
            if (Math.Abs(values[j]) != EscapeValue)
            {
                continue;
            }

            var prefix = 0;
            while (reader.ReadFlag())
            {
                if (++prefix > MaxEscapePrefix)
                {
                    return "an escape sequence longer than the standard allows";
                }
            }

            var magnitude = (1 << (prefix + 4)) + reader.Read(prefix + 4);
            values[j] = values[j] < 0 ? -magnitude : magnitude;
        }

        return null;
    }

    private static void ApplyPulses(ChannelStream channel)
    {
        var pulses = channel.Pulses;
        if (!pulses.Present)
        {
            return;
        }

        var k = channel.Info.BandOffsets[pulses.StartBand];
        for (var i = 0; i < pulses.Count; i++)
        {
            k += pulses.Offsets[i];
            if (k >= 1024)
            {
                return;
            }

            var q = channel.Quantized[k];
            channel.Quantized[k] = q > 0 ? q + pulses.Amplitudes[i] : q - pulses.Amplitudes[i];
        }
    }

    private static void Dequantize(ChannelStream channel)
    {
        var info = channel.Info;
        var spectrum = channel.Spectrum;
        Array.Clear(spectrum);
        var windowStart = 0;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                if (!AacCodebooks.IsSpectral(channel.Codebook(g, band)))
                {
                    continue;
                }

                var gain = BandGain[channel.ScaleFactor(g, band)];
                for (var w = 0; w < info.GroupLength[g]; w++)
                {
                    var baseIndex = (windowStart + w) * info.WindowLength;
                    for (var k = baseIndex + info.BandOffsets[band]; k < baseIndex + info.BandOffsets[band + 1]; k++)
                    {
                        var q = channel.Quantized[k];
                        var magnitude = PowerFourThirds[Math.Min(Math.Abs(q), MaxQuantized)] * gain;
                        spectrum[k] = q < 0 ? -magnitude : magnitude;
                    }
                }
            }

            windowStart += info.GroupLength[g];
        }
    }

    private static float[] BuildPowerFourThirds()
    {
        var table = new float[MaxQuantized + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (float)Math.Pow(i, 4.0 / 3.0);
        }

        return table;
    }

    private static float[] BuildBandGain()
    {
        var table = new float[256];
        for (var sf = 0; sf < table.Length; sf++)
        {
            table[sf] = (float)Math.Pow(2.0, 0.25 * (sf - ScaleFactorOffset));
        }

        return table;
    }
}
