namespace MediaCompiler.Codecs.Decoding.Aac;

internal enum WindowSequence
{
    OnlyLong = 0,
    LongStart = 1,
    EightShort = 2,
    LongStop = 3,
}

/// <summary>
/// ics_info() of ISO/IEC 14496-3 4.4.2.1: the window sequence and shape, the number of coded bands and, for eight
/// short windows, how the windows are grouped (windows of one group share scale factors and sections).
/// </summary>
internal sealed class IcsInfo
{
    public const int MaxWindowGroups = 8;

    public WindowSequence Sequence { get; private set; }

    public int WindowShape { get; private set; }

    public int MaxSfb { get; private set; }

    public int WindowGroupCount { get; private set; }

    /// <summary>Windows per group; only the first <see cref="WindowGroupCount"/> entries count.</summary>
    public int[] GroupLength { get; } = new int[MaxWindowGroups];

    /// <summary>Scale factor band edges of one window (long: within 1024, short: within 128).</summary>
    public int[] BandOffsets { get; private set; } = [];

    public int BandCount => BandOffsets.Length - 1;

    public int TnsMaxBands { get; private set; }

    public bool IsShort => Sequence == WindowSequence.EightShort;

    public int WindowCount => IsShort ? 8 : 1;

    /// <summary>Coefficients per window: 128 for short windows, 1024 for long.</summary>
    public int WindowLength => IsShort ? 128 : 1024;

    /// <summary>Reads ics_info; returns what is wrong, or null.</summary>
    public string? Read(AacBitReader reader, int sampleRateIndex)
    {
        if (reader.ReadFlag())
        {
            return "ics_reserved_bit is set";
        }

        Sequence = (WindowSequence)reader.Read(2);
        WindowShape = reader.Read(1);
        BandOffsets = AacSamplingTables.BandOffsets(sampleRateIndex, IsShort);
        TnsMaxBands = AacSamplingTables.TnsMaxBands(sampleRateIndex, IsShort);
        if (IsShort)
        {
            MaxSfb = reader.Read(4);
            ReadGrouping(reader.Read(7));
        }
        else
        {
            MaxSfb = reader.Read(6);
            WindowGroupCount = 1;
            GroupLength[0] = 1;
            if (reader.ReadFlag())
            {
                // Prediction belongs to AAC Main and LTP; an LC stream never sets it.
                return "predictor_data_present is set (AAC Main/LTP prediction, not AAC-LC)";
            }
        }

        return MaxSfb > BandCount
            ? $"max_sfb {MaxSfb} exceeds the {BandCount} scale factor bands of this window at this sampling rate"
            : null;
    }

    /// <summary>Copies the window layout of the other channel of a common-window channel pair.</summary>
    public void CopyFrom(IcsInfo other)
    {
        Sequence = other.Sequence;
        WindowShape = other.WindowShape;
        MaxSfb = other.MaxSfb;
        WindowGroupCount = other.WindowGroupCount;
        Array.Copy(other.GroupLength, GroupLength, MaxWindowGroups);
        BandOffsets = other.BandOffsets;
        TnsMaxBands = other.TnsMaxBands;
    }

    // scale_factor_grouping: bit (6 - i) set means window i + 1 joins the group of window i.
    private void ReadGrouping(int grouping)
    {
        WindowGroupCount = 1;
        GroupLength[0] = 1;
        for (var i = 0; i < 7; i++)
        {
            if (((grouping >> (6 - i)) & 1) != 0)
            {
                GroupLength[WindowGroupCount - 1]++;
            }
            else
            {
                GroupLength[WindowGroupCount] = 1;
                WindowGroupCount++;
            }
        }
    }
}
