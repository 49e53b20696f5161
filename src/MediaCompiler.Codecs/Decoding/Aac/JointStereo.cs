namespace MediaCompiler.Codecs.Decoding.Aac;

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

        var info = left.Info;
        var windowStart = 0;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                // Noise and intensity bands carry no mid/side pair.
                if (!msUsed[(g * ChannelStream.BandStride) + band]
                    || left.Codebook(g, band) >= AacCodebooks.NoiseCodebook
                    || right.Codebook(g, band) >= AacCodebooks.NoiseCodebook)
                {
                    continue;
                }

                for (var w = windowStart; w < windowStart + info.GroupLength[g]; w++)
                {
                    var start = (w * info.WindowLength) + info.BandOffsets[band];
                    var end = (w * info.WindowLength) + info.BandOffsets[band + 1];
                    for (var k = start; k < end; k++)
                    {
                        var mid = left.Spectrum[k];
                        var side = right.Spectrum[k];
                        left.Spectrum[k] = mid + side;
                        right.Spectrum[k] = mid - side;
                    }
                }
            }

            windowStart += info.GroupLength[g];
        }
    }

    public static void ApplyIntensity(ChannelStream left, ChannelStream right, int msMaskPresent, bool[] msUsed)
    {
        var info = right.Info;
        var windowStart = 0;
        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                var codebook = right.Codebook(g, band);
                if (!AacCodebooks.IsIntensity(codebook))
                {
                    continue;
                }

                var slot = (g * ChannelStream.BandStride) + band;
                var sign = codebook == AacCodebooks.IntensityInPhaseCodebook ? 1.0 : -1.0;
                if (msMaskPresent == MsMaskPerBand && msUsed[slot])
                {
                    sign = -sign;
                }

                var scale = (float)(sign * Math.Pow(0.5, 0.25 * right.ScaleFactors[slot]));
                for (var w = windowStart; w < windowStart + info.GroupLength[g]; w++)
                {
                    var start = (w * info.WindowLength) + info.BandOffsets[band];
                    var end = (w * info.WindowLength) + info.BandOffsets[band + 1];
                    for (var k = start; k < end; k++)
                    {
                        right.Spectrum[k] = left.Spectrum[k] * scale;
                    }
                }
            }

            windowStart += info.GroupLength[g];
        }
    }
}
