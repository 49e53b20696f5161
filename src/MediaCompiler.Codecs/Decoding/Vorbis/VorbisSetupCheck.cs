using MediaCompiler.Codecs.Decoding.Opus;

namespace MediaCompiler.Codecs.Decoding.Vorbis;

/// <summary>
/// Checks a Vorbis stream's comment and setup headers against the bytes the packets really hold, before NVorbis reads
/// them. NVorbis 0.10.5 sizes its arrays from the headers' counts: a comment count (<c>new string[count]</c>), each
/// codebook's entry count (its lengths, codewords and Huffman nodes), and entries × dimensions for a codebook's value
/// table; and it reads past a packet's end as zeros. So a damaged setup header made it allocate 34-91 MiB for an
/// 8.5 KB file (the fuzz suite). Following the Vorbis I specification (sections 3.2.1 and 5.2.2), every count must be
/// paid for by real bits: a length for every entry of an unordered codebook, every lookup value, every comment's
/// bytes; an ordered codebook's lengths must not overfill the Huffman tree (so its entries are what its lengths allow);
/// and reading past a header packet's end is the stream's damage. What is left, the tables an ordered codebook can
/// ask for in a few bits, is held to <see cref="TableBudget"/>.
/// </summary>
internal static class VorbisSetupCheck
{
    /// <summary>
    /// The most bytes of codebook tables a prompt's setup header may make the decoder build. libvorbis's setup headers
    /// at every quality and rate need well under 1 MiB (the fuzz seed: 0.1 MiB); 8 MiB leaves room for any real
    /// encoder while keeping a prompt inside its memory cap (64 × its size + 32 MiB).
    /// </summary>
    public const long TableBudget = 8L * 1024 * 1024;

    /// <summary>What NVorbis builds per codebook entry: its length, codeword and sorted length (4 bytes each) and a Huffman node (about 48).</summary>
    private const long BytesPerEntry = 64;

    private const uint CodebookSync = 0x564342;

    /// <summary>Why the headers cannot be what they claim (null: nothing found); a stream with fewer than three header packets is left to the decoder.</summary>
    public static string? Check(byte[] content)
    {
        var packets = HeaderPackets(content);
        if (packets.Count < 3)
        {
            return null;
        }

        return CheckComments(packets[1]) ?? CheckCodebooks(packets[2]);
    }

    /// <summary>Estimated bytes of the tables NVorbis builds for the setup header's codebooks (for the tests and the docs).</summary>
    internal static long TableBytes(byte[] content)
    {
        var packets = HeaderPackets(content);
        return packets.Count < 3 ? 0 : Codebooks(new VorbisHeaderBits(packets[2]), out _);
    }

    private static string? CheckComments(byte[] packet)
    {
        var bits = new VorbisHeaderBits(packet);
        bits.Skip(7 * 8);
        var vendor = (long)bits.Read(32);
        if (vendor * 8 > bits.Remaining)
        {
            return $"its comment header gives a vendor string of {vendor:N0} bytes in a packet of {packet.Length:N0}";
        }

        bits.Skip(vendor * 8);
        var count = (long)bits.Read(32);
        if (count * 32 > bits.Remaining)
        {
            return $"its comment header counts {count:N0} comments, more than its {packet.Length:N0} bytes can hold";
        }

        for (var i = 0; i < count; i++)
        {
            var length = (long)bits.Read(32);
            if (bits.PastEnd || length * 8 > bits.Remaining)
            {
                return $"its comment header's comment {i + 1} claims {length:N0} bytes, past the packet's end";
            }

            bits.Skip(length * 8);
        }

        return null;
    }

    private static string? CheckCodebooks(byte[] packet)
    {
        var bits = new VorbisHeaderBits(packet);
        var tables = Codebooks(bits, out var damage);
        if (damage is not null)
        {
            return damage;
        }

        return tables > TableBudget
            ? $"its setup header's codebooks ask for {tables / 1048576.0:0.0} MiB of tables (at most {TableBudget / 1048576} MiB)"
            : null;
    }

    /// <summary>Walks the codebooks; the estimated bytes of their tables, and why they are damaged (null: they are not).</summary>
    private static long Codebooks(VorbisHeaderBits bits, out string? damage)
    {
        bits.Skip(7 * 8);
        var books = (int)bits.Read(8) + 1;
        long tables = 0;
        for (var book = 0; book < books; book++)
        {
            damage = Codebook(bits, book, ref tables);
            if (damage is not null)
            {
                return tables;
            }
        }

        damage = null;
        return tables;
    }

    private static string? Codebook(VorbisHeaderBits bits, int book, ref long tables)
    {
        if (bits.Read(24) != CodebookSync || bits.PastEnd)
        {
            return $"its setup header's codebook {book} has no codebook sync pattern";
        }

        var dimensions = (long)bits.Read(16);
        var entries = (long)bits.Read(24);
        var lengths = bits.ReadFlag() ? OrderedLengths(bits, entries) : UnorderedLengths(bits, entries);
        if (lengths is not null || bits.PastEnd)
        {
            return $"its setup header's codebook {book} ({entries:N0} entries): {lengths ?? "its codeword lengths run past the packet's end"}";
        }

        tables += entries * BytesPerEntry;
        var lookup = Lookup(bits, entries, dimensions, ref tables);
        return lookup is null ? null : $"its setup header's codebook {book} ({entries:N0} entries of {dimensions:N0} dimensions): {lookup}";
    }

    /// <summary>Unordered lengths: 5 bits per entry, or 1 bit (and 5 for a used one) when sparse; a count the packet cannot pay for is damage.</summary>
    private static string? UnorderedLengths(VorbisHeaderBits bits, long entries)
    {
        var sparse = bits.ReadFlag();
        if (entries * (sparse ? 1 : 5) > bits.Remaining)
        {
            return $"{entries:N0} codeword lengths need more bits than the packet's {bits.Remaining:N0} left";
        }

        for (var i = 0; i < entries; i++)
        {
            if (!sparse || bits.ReadFlag())
            {
                bits.Read(5);
            }
        }

        return null;
    }

    /// <summary>
    /// Ordered lengths: runs of entries of one length, each length one more than the last. Codewords of n bits fill
    /// 2^-n of the Huffman tree, and a tree filled past whole is not a code (the specification's overspecified tree).
    /// </summary>
    private static string? OrderedLengths(VorbisHeaderBits bits, long entries)
    {
        var length = (int)bits.Read(5) + 1;
        ulong filled = 0; // in units of 2^-32 of the tree
        for (long entry = 0; entry < entries; length++)
        {
            var run = (long)bits.Read(VorbisHeaderBits.ILog(entries - entry));
            if (bits.PastEnd)
            {
                return null;
            }

            if (run > 0 && length > 32)
            {
                return $"codewords longer than 32 bits";
            }

            entry += run;
            filled += run > 0 ? (ulong)run << (32 - length) : 0;
            if (entry > entries || filled > 1UL << 32)
            {
                return "its codeword lengths overfill the Huffman tree";
            }
        }

        return null;
    }

    /// <summary>The value lookup (types 1 and 2): every value it lists must be in the packet; the table it spans is counted.</summary>
    private static string? Lookup(VorbisHeaderBits bits, long entries, long dimensions, ref long tables)
    {
        var type = (int)bits.Read(4);
        if (type == 0)
        {
            return null;
        }

        if (type > 2)
        {
            return $"lookup type {type} does not exist";
        }

        bits.Skip(64);
        var valueBits = (int)bits.Read(4) + 1;
        bits.Skip(1);
        if (type == 1 && dimensions == 0)
        {
            return "a value lookup of 0 dimensions";
        }

        var values = type == 1 ? Lookup1Values(entries, dimensions) : entries * dimensions;
        if (values * valueBits > bits.Remaining)
        {
            return $"{values:N0} lookup values of {valueBits} bits need more than the packet's {bits.Remaining:N0} bits left";
        }

        bits.Skip(values * valueBits);
        tables += 4 * (values + (entries * dimensions));
        return null;
    }

    /// <summary>The specification's lookup1_values: the greatest r with r^dimensions at most entries.</summary>
    private static long Lookup1Values(long entries, long dimensions)
    {
        // Start just below the floating-point root and count up: exact, in a step or two.
        var r = Math.Max(0, (long)Math.Floor(Math.Pow(entries, 1.0 / dimensions)) - 1);
        while (Power(r + 1, dimensions) <= entries)
        {
            r++;
        }

        return r;
    }

    private static long Power(long value, long exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent && result <= int.MaxValue; i++)
        {
            result *= value;
        }

        return result;
    }

    /// <summary>
    /// The first three packets of the first logical stream, from the pages whose CRC is right (NVorbis skips the
    /// others), each at most as long as the file.
    /// </summary>
    private static List<byte[]> HeaderPackets(byte[] content) =>
        [.. OggPacketReader.ReadPackets(content, maxPackets: 3, skipPagesFailingCrc: true).Packets.Select(p => p.Data)];
}
