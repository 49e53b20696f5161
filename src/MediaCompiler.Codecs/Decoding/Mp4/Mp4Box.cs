using System.Buffers.Binary;

namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// An ISO BMFF box (ISO/IEC 14496-12 4.2): its four-character type, its payload [Start, End) in the file, and where
/// its header starts (fragment offsets count from there).
/// </summary>
internal readonly record struct Mp4Box(string Type, long Start, long End, long HeaderStart)
{
    public long Length => End - Start;
}

/// <summary>
/// What the MP4 reader found wrong with the file, said in words for the IVR3120 message. Thrown only inside the
/// reader and turned into the coded result at its one entry point (<see cref="Mp4AacDecoder"/>), so that each of the
/// many structural checks is one line where it is made.
/// </summary>
internal sealed class Mp4DamageException(string reason) : Exception(reason);

/// <summary>
/// Reads boxes and big-endian fields from the file's bytes. Every read is checked against the bounds it is given, so a
/// size or count in a header can never send a read past the bytes that are really there.
/// </summary>
internal sealed class Mp4Boxes(byte[] data)
{
    public byte[] Data { get; } = data;

    public long FileLength => Data.Length;

    /// <summary>The file's top-level 'mdat' boxes, whose payloads a sample table's offsets point into.</summary>
    public List<Mp4Box> MediaData() => [.. Children(0, FileLength, topLevel: true).Select(b => b.Box).Where(b => b.Type == "mdat")];

    /// <summary>
    /// The boxes laid end to end in [start, end). A box that claims more bytes than its parent holds is damage; only a
    /// top-level box (whose parent is the file) may be cut short, and it is returned clipped so that the caller can say
    /// which box the truncation hit. Fewer than 8 trailing bytes (QuickTime's terminating zero word) end the list.
    /// </summary>
    public IEnumerable<(Mp4Box Box, bool Truncated)> Children(long start, long end, bool topLevel = false)
    {
        var position = start;
        while (end - position >= 8)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan((int)position, 4));
            var type = FourCc(position + 4);
            var headerLength = 8;
            if (size == 1)
            {
                if (end - position < 16)
                {
                    throw new Mp4DamageException($"the '{type}' box at byte {position} is cut off inside its 64-bit size");
                }

                var large = BinaryPrimitives.ReadUInt64BigEndian(Data.AsSpan((int)position + 8, 8));
                size = large > long.MaxValue ? long.MaxValue : (long)large;
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = end - position;   // "the box extends to the end of the file" (14496-12 4.2)
            }

            if (size < headerLength)
            {
                throw new Mp4DamageException($"the '{type}' box at byte {position} declares {size} bytes, less than its own header");
            }

            var truncated = size > end - position;
            if (truncated && !topLevel)
            {
                throw new Mp4DamageException(
                    $"the '{type}' box at byte {position} declares {size} bytes but its parent has only {end - position} left");
            }

            var boxEnd = truncated ? end : position + size;
            yield return (new Mp4Box(type, position + headerLength, boxEnd, position), truncated);
            position = boxEnd;
        }
    }

    /// <summary>The first child of the given type, or null.</summary>
    public Mp4Box? Find(Mp4Box parent, string type, long skip = 0)
    {
        foreach (var (box, _) in Children(parent.Start + skip, parent.End))
        {
            if (box.Type == type)
            {
                return box;
            }
        }

        return null;
    }

    /// <summary>The first child of the given type; its absence is damage.</summary>
    public Mp4Box Require(Mp4Box parent, string type, long skip = 0) =>
        Find(parent, type, skip) ?? throw new Mp4DamageException($"the '{parent.Type}' box has no '{type}' box");

    public string FourCc(long offset) => System.Text.Encoding.Latin1.GetString(Data, (int)offset, 4);

    /// <summary>The four characters at <paramref name="at"/> within the box's payload.</summary>
    public string FourCc(Mp4Box box, long at) => FourCc(Check(box, at, 4));

    public byte U8(Mp4Box box, long at) => Data[Check(box, at, 1)];

    public ushort U16(Mp4Box box, long at) => BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(Check(box, at, 2), 2));

    public uint U32(Mp4Box box, long at) => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(Check(box, at, 4), 4));

    public ulong U64(Mp4Box box, long at) => BinaryPrimitives.ReadUInt64BigEndian(Data.AsSpan(Check(box, at, 8), 8));

    /// <summary>
    /// The number of fixed-size entries a table box lists, checked against the bytes the box really holds: a header
    /// that claims 2^32 entries in a 20-byte box is damage before anything is allocated for them.
    /// </summary>
    public int TableCount(Mp4Box box, long countAt, int entryBytes)
    {
        var count = U32(box, countAt);
        var room = (box.Length - countAt - 4) / entryBytes;
        if (count > room)
        {
            throw new Mp4DamageException($"the '{box.Type}' box lists {count} entries but holds room for {Math.Max(room, 0)}");
        }

        return (int)count;
    }

    private static int Check(Mp4Box box, long at, int length)
    {
        if (at < 0 || box.Start + at + length > box.End)
        {
            throw new Mp4DamageException($"the '{box.Type}' box ({box.Length} bytes) is too short for its fields");
        }

        return (int)(box.Start + at);
    }
}
