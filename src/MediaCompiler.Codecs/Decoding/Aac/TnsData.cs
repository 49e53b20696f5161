namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// tns_data() of ISO/IEC 14496-3 4.4.2.6 with its filter coefficients already converted (4.6.9.3): the quantized
/// reflection coefficients are inverse-quantized by arcsine steps and turned into direct-form LPC coefficients.
/// </summary>
internal sealed class TnsData
{
    public const int MaxFilters = 3;
    private const int MaxOrderLong = 12;   // AAC-LC limits (Table 4.155)
    private const int MaxOrderShort = 7;

    public bool Present { get; set; }

    public int[] FilterCount { get; } = new int[8];

    /// <summary>Per [window * 3 + filter]: length in bands, order, direction (true = downward).</summary>
    public int[] Length { get; } = new int[8 * MaxFilters];

    public int[] Order { get; } = new int[8 * MaxFilters];

    public bool[] Downward { get; } = new bool[8 * MaxFilters];

    /// <summary>LPC coefficients a[1..order] per [window * 3 + filter], stride <see cref="MaxOrderLong"/> + 1.</summary>
    public float[] Lpc { get; } = new float[8 * MaxFilters * (MaxOrderLong + 1)];

    public static int LpcOffset(int window, int filter) => ((window * MaxFilters) + filter) * (MaxOrderLong + 1);

    /// <summary>Reads tns_data for every window; returns what is wrong, or null.</summary>
    public string? Read(AacBitReader reader, IcsInfo info)
    {
        var isShort = info.IsShort;
        var maxOrder = isShort ? MaxOrderShort : MaxOrderLong;
        for (var w = 0; w < info.WindowCount; w++)
        {
            FilterCount[w] = reader.Read(isShort ? 1 : 2);
            if (FilterCount[w] == 0)
            {
                continue;
            }

            var coefficientResolution = reader.Read(1) + 3;
            for (var f = 0; f < FilterCount[w]; f++)
            {
                var slot = (w * MaxFilters) + f;
                Length[slot] = reader.Read(isShort ? 4 : 6);
                Order[slot] = reader.Read(isShort ? 3 : 5);
                if (Order[slot] > maxOrder)
                {
                    return $"TNS filter order {Order[slot]} exceeds the AAC-LC maximum of {maxOrder}";
                }

                if (Order[slot] == 0)
                {
                    continue;
                }

                Downward[slot] = reader.ReadFlag();
                var compress = reader.Read(1);
                ReadCoefficients(reader, coefficientResolution, compress, Order[slot], LpcOffset(w, f));
            }
        }

        return null;
    }

    private void ReadCoefficients(AacBitReader reader, int resolution, int compress, int order, int lpcOffset)
    {
        var bits = resolution - compress;
        var positiveStep = ((1 << (resolution - 1)) - 0.5) / (Math.PI / 2);
        var negativeStep = ((1 << (resolution - 1)) + 0.5) / (Math.PI / 2);
        Span<double> reflection = stackalloc double[MaxOrderLong];
        for (var i = 0; i < order; i++)
        {
            var raw = reader.Read(bits);
            var value = raw >= 1 << (bits - 1) ? raw - (1 << bits) : raw;   // two's complement in 'bits' bits
            reflection[i] = Math.Sin(value / (value >= 0 ? positiveStep : negativeStep));
        }

        // Step-up recursion from reflection to direct-form coefficients, a[0] = 1 implied.
        Span<double> lpc = stackalloc double[MaxOrderLong + 1];
        Span<double> previous = stackalloc double[MaxOrderLong + 1];
        lpc[0] = 1;
        for (var m = 1; m <= order; m++)
        {
            lpc[..(m)].CopyTo(previous);
            for (var i = 1; i < m; i++)
            {
                lpc[i] = previous[i] + (reflection[m - 1] * previous[m - i]);
            }

            lpc[m] = reflection[m - 1];
        }

        for (var i = 0; i <= order; i++)
        {
            Lpc[lpcOffset + i] = (float)lpc[i];
        }
    }
}
