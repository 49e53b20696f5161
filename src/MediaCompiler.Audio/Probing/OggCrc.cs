namespace MediaCompiler.Audio.Probing;

/// <summary>
/// The CRC-32 of Ogg pages (RFC 3533): polynomial 0x04C11DB7, most significant bit first, initial value 0, no final
/// XOR, computed over the whole page with its CRC field set to zero. (Not the reflected zlib CRC-32.)
/// </summary>
internal static class OggCrc
{
    private const uint Polynomial = 0x04C11DB7;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data, uint crc = 0)
    {
        foreach (var b in data)
        {
            crc = (crc << 8) ^ Table[(crc >> 24) ^ b];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ Polynomial : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
