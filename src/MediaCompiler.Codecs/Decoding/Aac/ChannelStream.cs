namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// The decoded content of one individual_channel_stream: window layout, band codebooks and scale factors, the
/// quantized then the reconstructed spectrum, and TNS data. One instance per output channel, reused frame by frame.
/// </summary>
internal sealed class ChannelStream
{
    /// <summary>Row stride of the per-group band arrays: more than the 51 long-window bands of any rate.</summary>
    public const int BandStride = 64;

    public IcsInfo Info { get; } = new();

    public int GlobalGain { get; set; }

    /// <summary>Codebook per [group * <see cref="BandStride"/> + band]: 0 zero, 1-11 spectral, 13 noise, 14/15 intensity.</summary>
    public int[] Codebooks { get; } = new int[IcsInfo.MaxWindowGroups * BandStride];

    /// <summary>Per band: the scale factor, the intensity position or the noise energy, by the band's codebook.</summary>
    public int[] ScaleFactors { get; } = new int[IcsInfo.MaxWindowGroups * BandStride];

    /// <summary>Quantized values in window order (short windows: window w at 128·w).</summary>
    public int[] Quantized { get; } = new int[1024];

    /// <summary>The reconstructed spectrum, same layout as <see cref="Quantized"/>.</summary>
    public float[] Spectrum { get; } = new float[1024];

    public TnsData Tns { get; } = new();

    public PulseData Pulses { get; } = new();

    public int Codebook(int group, int band) => Codebooks[(group * BandStride) + band];

    public int ScaleFactor(int group, int band) => ScaleFactors[(group * BandStride) + band];
}

/// <summary>pulse_data(): up to four quantized values raised by small amplitudes (long windows only).</summary>
internal sealed class PulseData
{
    public bool Present { get; set; }

    public int StartBand { get; set; }

    public int Count { get; set; }

    public int[] Offsets { get; } = new int[4];

    public int[] Amplitudes { get; } = new int[4];
}
