namespace MediaCompiler.Engine.Decoding.Aac;

/// <summary>
/// The joint stereo tools of a channel pair: M/S (ISO/IEC 14496-3 4.6.8.1: left = mid + side, right = mid − side)
/// and intensity stereo (4.6.8.2: right = ±left · 0.5^(0.25·is_position), the sign from the codebook and, with a
/// per-band M/S mask, inverted where ms_used is set).
/// </summary>
internal static class JointStereo
{
    public const int MsMaskNone = 0;
    public const int MsMaskPerBand = 1;
    public const int MsMaskAll = 2;

    public static void ApplyMidSide(ChannelStream left, ChannelStream right, int msMaskPresent, bool[] msUsed)
    {
        if (msMaskPresent == MsMaskNone)
        {
            return;
        }

        ForEachBand(left.Info, (g, band, start, length) =>
        {
            var slot = (g * ChannelStream.BandStride) + band;
            if (!msUsed[slot] || left.Codebook(g, band) >= AacCodebooks.NoiseCodebook
                || right.Codebook(g, band) >= AacCodebooks.NoiseCodebook)
            {
                return;
            }

            for (var k = start; k < start + length; k++)
            {
                var mid = left.Spectrum[k];
                var side = right.Spectrum[k];
                left.Spectrum[k] = mid + side;
                right.Spectrum[k] = mid - side;
            }
        });
    }

    public static void ApplyIntensity(ChannelStream left, ChannelStream right, int msMaskPresent, bool[] msUsed)
    {
        ForEachBand(right.Info, (g, band, start, length) =>
        {
            var codebook = right.Codebook(g, band);
            if (!AacCodebooks.IsIntensity(codebook))
            {
                return;
            }

            var slot = (g * ChannelStream.BandStride) + band;
            var sign = codebook == AacCodebooks.IntensityInPhaseCodebook ? 1.0 : -1.0;
            if (msMaskPresent == MsMaskPerBand && msUsed[slot])
            {
                sign = -sign;
            }

            var scale = (float)(sign * Math.Pow(0.5, 0.25 * right.ScaleFactors[slot]));
            for (var k = start; k < start + length; k++)
            {
                right.Spectrum[k] = left.Spectrum[k] * scale;
            }
        });
    }

    /// <summary>Calls <paramref name="action"/>(group, band, first coefficient, count) for every coded band and window.</summary>
    private static void ForEachBand(IcsInfo info, Action<int, int, int, int> action)
    {
        var windowStart = 0;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                for (var w = 0; w < info.GroupLength[g]; w++)
                {
                    var start = ((windowStart + w) * info.WindowLength) + info.BandOffsets[band];
                    action(g, band, start, info.BandOffsets[band + 1] - info.BandOffsets[band]);
                }
            }

            windowStart += info.GroupLength[g];
        }
    }
}
