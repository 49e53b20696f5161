namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// The two checksums of a FLAC frame: CRC-8 (polynomial x^8 + x^2 + x + 1) over the frame header and CRC-16
/// (x^16 + x^15 + x^2 + 1) over the whole frame, both initialised with zero and unreflected.
/// </summary>
internal static class FlacCrc
{
    private static readonly byte[] Crc8Table = BuildCrc8Table();
    private static readonly ushort[] Crc16Table = BuildCrc16Table();

    public static byte Crc8(ReadOnlySpan<byte> bytes)
    {
        byte crc = 0;
        foreach (byte b in bytes)
        {
            crc = Crc8Table[crc ^ b];
        }

        return crc;
    }

    public static ushort Crc16(ReadOnlySpan<byte> bytes)
    {
        int crc = 0;
        var table = Crc16Table;
        foreach (byte b in bytes)
        {
            crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ b];
        }

        return (ushort)crc;
    }

    private static byte[] BuildCrc8Table()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0x07 : crc << 1;
            }

            table[i] = (byte)crc;
        }

        return table;
    }

    private static ushort[] BuildCrc16Table()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1;
            }

            table[i] = (ushort)crc;
        }

        return table;
    }
}
