namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// Writes small ADTS frames bit by bit (ISO/IEC 14496-3 1.A.2.2 and 4.4.2), for inputs no encoder here makes:
/// other profiles, channel layouts, and HE-AAC's SBR fill elements.
/// </summary>
internal sealed class AdtsFrameBuilder
{
    private readonly List<bool> _bits = [];

    public AdtsFrameBuilder Write(int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            _bits.Add(((value >> i) & 1) != 0);
        }

        return this;
    }

    /// <summary>A fill element carrying an SBR extension payload (extension_type EXT_SBR_DATA = 13).</summary>
    public AdtsFrameBuilder SbrFill() => Write(6, 3).Write(2, 4).Write(0xD, 4).Write(0, 12);

    /// <summary>A single channel element of one long window with no coded bands: a silent channel.</summary>
    public AdtsFrameBuilder SilentSingleChannel() =>
        Write(0, 3).Write(0, 4).Write(100, 8)   // SCE, tag, global_gain
            .Write(0, 1).Write(0, 2).Write(0, 1).Write(0, 6).Write(0, 1)   // ics_info: long window, max_sfb 0
            .Write(0, 1).Write(0, 1).Write(0, 1);   // no pulse, TNS or gain control data

    public AdtsFrameBuilder End() => Write(7, 3);

    /// <summary>Pads with zero bits to the next byte boundary (raw data blocks end byte-aligned).</summary>
    public AdtsFrameBuilder AlignToByte()
    {
        while (_bits.Count % 8 != 0)
        {
            _bits.Add(false);
        }

        return this;
    }

    /// <summary>
    /// The frame: a 7-byte ADTS header for the given fields, with <paramref name="crcBytes"/> bytes of header CRC and
    /// raw data block positions after it when not zero (protection_absent = 0), then the bits written, byte-aligned.
    /// </summary>
    public byte[] Build(
        int profile = 1, int sampleRateIndex = 8, int channelConfiguration = 1, int rawDataBlocks = 1, int crcBytes = 0)
    {
        var payload = new byte[(_bits.Count + 7) / 8];
        for (var i = 0; i < _bits.Count; i++)
        {
            if (_bits[i])
            {
                payload[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        var length = 7 + crcBytes + payload.Length;
        byte[] header =
        [
            0xFF, (byte)(crcBytes == 0 ? 0xF1 : 0xF0),
            (byte)((profile << 6) | (sampleRateIndex << 2) | (channelConfiguration >> 2)),
            (byte)(((channelConfiguration & 3) << 6) | (length >> 11)),
            (byte)((length >> 3) & 0xFF),
            (byte)(((length & 7) << 5) | 0x1F),
            (byte)(0xFC | (rawDataBlocks - 1)),
        ];
        return [.. header, .. new byte[crcBytes], .. payload];
    }

    public static byte[] Repeat(byte[] frame, int times) => Enumerable.Repeat(frame, times).SelectMany(f => f).ToArray();
}
