namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>
/// Ogg pages and their CRC (RFC 3533: CRC-32, polynomial 0x04C11DB7, MSB first, initial 0, no final XOR, over the page
/// with its CRC field zeroed), written here after the RFC so that mutants can carry a right CRC and reach the parsers
/// behind the check instead of all stopping at it.
/// </summary>
public static class OggPageCrc
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>One page: where it starts, its whole length, and how many lacing values its segment table has.</summary>
    public readonly record struct Page(int Start, int Length, int Segments);

    /// <summary>Every page found by walking from the first "OggS" capture pattern; a damaged page ends the walk.</summary>
    public static IEnumerable<Page> Pages(byte[] file)
    {
        var at = 0;
        while (at + 27 <= file.Length && file.AsSpan(at, 4).SequenceEqual("OggS"u8))
        {
            int segments = file[at + 26];
            if (at + 27 + segments > file.Length)
            {
                yield break;
            }

            var body = 0;
            for (var i = 0; i < segments; i++)
            {
                body += file[at + 27 + i];
            }

            var length = Math.Min(27 + segments + body, file.Length - at);
            yield return new Page(at, length, segments);
            at += length;
        }
    }

    /// <summary>Rewrites the CRC field of every page the walk finds, over the page's bytes as they now are.</summary>
    public static void Recompute(byte[] file)
    {
        foreach (var page in Pages(file))
        {
            file.AsSpan(page.Start + 22, 4).Clear();
            var crc = Compute(file.AsSpan(page.Start, page.Length));
            file[page.Start + 22] = (byte)crc;
            file[page.Start + 23] = (byte)(crc >> 8);
            file[page.Start + 24] = (byte)(crc >> 16);
            file[page.Start + 25] = (byte)(crc >> 24);
        }
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
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
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
