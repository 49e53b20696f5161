namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// TNS decoding (ISO/IEC 14496-3 4.6.9.3): each filter runs the all-pole (inverse) filter over its range of
/// spectral coefficients, upwards or downwards, window by window; ranges stop at the TNS maximum band and max_sfb.
/// </summary>
internal static class TnsFilter
{
    public static void Apply(ChannelStream channel)
    {
        var tns = channel.Tns;
        if (!tns.Present)
        {
            return;
        }

        var info = channel.Info;
        var offsets = info.BandOffsets;
        var bandLimit = Math.Min(info.TnsMaxBands, info.MaxSfb);
        for (var w = 0; w < info.WindowCount; w++)
        {
            var top = info.BandCount;
            for (var f = 0; f < tns.FilterCount[w]; f++)
            {
                var slot = (w * TnsData.MaxFilters) + f;
                var bottom = Math.Max(top - tns.Length[slot], 0);
                var order = tns.Order[slot];
                var start = offsets[Math.Min(bottom, bandLimit)];
                var end = offsets[Math.Min(top, bandLimit)];
                top = bottom;
                if (order == 0 || end <= start)
                {
                    continue;
                }

                var span = channel.Spectrum.AsSpan((w * info.WindowLength) + start, end - start);
                var lpc = tns.Lpc.AsSpan(TnsData.LpcOffset(w, f), order + 1);
                Filter(span, lpc, order, tns.Downward[slot]);
            }
        }
    }

    // y[n] = x[n] - Σ a[i]·y[n-i], along the chosen direction.
    private static void Filter(Span<float> data, ReadOnlySpan<float> lpc, int order, bool downward)
    {
        Span<float> history = stackalloc float[order];
        history.Clear();
        var count = data.Length;
        for (var step = 0; step < count; step++)
        {
            var n = downward ? count - 1 - step : step;
            var y = data[n];
            for (var i = 0; i < order; i++)
            {
                y -= lpc[i + 1] * history[i];
            }

            for (var i = order - 1; i > 0; i--)
            {
                history[i] = history[i - 1];
            }

            history[0] = y;
            data[n] = y;
        }
    }
}
