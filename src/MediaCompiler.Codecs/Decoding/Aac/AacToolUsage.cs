namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Counts how often each coding tool appeared in a decoded stream. Tests use it to prove that a fixture really
/// exercises the tool its comparison is meant to cover (short windows, M/S, intensity, PNS, TNS).
/// </summary>
internal sealed class AacToolUsage
{
    public int LongWindowBlocks { get; set; }

    public int ShortWindowBlocks { get; set; }

    public int TransitionWindowBlocks { get; set; }

    public int KbdWindowBlocks { get; set; }

    public int TnsFilters { get; set; }

    public int MidSideBands { get; set; }

    public int IntensityBands { get; set; }

    public int NoiseBands { get; set; }

    public void CountChannel(ChannelStream channel)
    {
        var info = channel.Info;
        switch (info.Sequence)
        {
            case WindowSequence.EightShort:
                ShortWindowBlocks++;
                break;
            case WindowSequence.OnlyLong:
                LongWindowBlocks++;
                break;
            default:
                TransitionWindowBlocks++;
                break;
        }

        KbdWindowBlocks += info.WindowShape;
        if (channel.Tns.Present)
        {
            for (var w = 0; w < info.WindowCount; w++)
            {
                TnsFilters += channel.Tns.FilterCount[w];
            }
        }

        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                var codebook = channel.Codebook(g, band);
                NoiseBands += codebook == AacCodebooks.NoiseCodebook ? 1 : 0;
                IntensityBands += AacCodebooks.IsIntensity(codebook) ? 1 : 0;
            }
        }
    }

    public void CountMidSide(IcsInfo info, int msMaskPresent, bool[] msUsed)
    {
        if (msMaskPresent == JointStereo.MsMaskNone)
        {
            return;
        }

        for (var g = 0; g < info.WindowGroupCount; g++)
        {
            for (var band = 0; band < info.MaxSfb; band++)
            {
                MidSideBands += msUsed[(g * ChannelStream.BandStride) + band] ? 1 : 0;
            }
        }
    }
}
