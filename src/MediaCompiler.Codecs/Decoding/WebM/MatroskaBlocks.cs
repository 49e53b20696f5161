using MediaCompiler.Audio.Probing;

namespace MediaCompiler.Codecs.Decoding.WebM;

/// <summary>
/// The frames of a Matroska/WebM file's first audio track, in file order: the Segment and its Clusters are walked
/// into (their sizes may be unknown, as a live recorder writes them), every other element is stepped over by its
/// size, and each SimpleBlock or BlockGroup Block of the track is split by its lacing (none, Xiph, fixed or EBML;
/// RFC 9559 10.3). Work and memory are bounded by the file's bytes: a frame is a slice of them, never a size a header
/// claims.
/// </summary>
internal static class MatroskaBlocks
{
    /// <summary>One coded frame, and the nanoseconds of padding its block says to drop from its decoded end.</summary>
    public readonly record struct Frame(ReadOnlyMemory<byte> Data, long DiscardPaddingNs);

    /// <param name="CutShort">The problem is the file's end inside an element: a recording or copy cut short.</param>
    public sealed record Contents(MatroskaTrack? Track, List<Frame> Frames, string? Problem, bool CutShort = false);

    /// <summary>
    /// The elements a Segment or a Cluster holds (RFC 9559): SeekHead, Info, Tracks, Cues, Tags, Chapters, Attachments,
    /// Void, CRC-32; Timestamp, Position, PrevSize, SimpleBlock, BlockGroup.
    /// </summary>
    private static readonly HashSet<uint> SegmentOrClusterChildren =
        [0x114D9B74, Ebml.Info, Ebml.Tracks, 0x1C53BB6B, 0x1254C367, 0x1043A770, 0x1941A469, 0xEC, 0xBF, 0xE7, 0xA7, 0xAB, Ebml.SimpleBlock, Ebml.BlockGroup];

    /// <summary>No element of a prompt (25 MB at most on any platform) is larger.</summary>
    private const long MaxPlausibleElementBytes = 32L << 20;

    public static Contents Read(byte[] file)
    {
        if (!Ebml.TryReadElement(file, 0, out var header) || header.Id != Ebml.Header || header.Size == Ebml.UnknownSize)
        {
            return new Contents(null, [], "it does not start with an EBML header");
        }

        MatroskaTrack? track = null;
        var frames = new List<Frame>();
        string? problem = null;
        bool cutShort = false;
        int position = header.DataEnd(file.Length);
        while (Ebml.TryReadElement(file, position, out var element))
        {
            if (element.Id is Ebml.Segment or Ebml.Cluster)
            {
                position = element.DataStart; // a master whose children are read in turn, whatever its size says
                continue;
            }

            if (element.Size == Ebml.UnknownSize)
            {
                problem = $"an element (ID 0x{element.Id:X}) at byte {position} has an unknown size";
                break;
            }

            if (element.DataStart + element.Size > file.Length)
            {
                problem = $"the file ends inside an element (ID 0x{element.Id:X}) that starts at byte {position:N0} and declares {element.Size:N0} bytes of data, {file.Length - element.DataStart:N0} present";
                // A cut when the element is one that belongs here, of a size a prompt's can be; an unknown ID or a
                // size beyond any prompt is damage read as an element (noise over the middle of a file).
                cutShort = SegmentOrClusterChildren.Contains(element.Id) && element.Size <= MaxPlausibleElementBytes;
                break;
            }

            int end = element.DataEnd(file.Length);
            var data = file.AsMemory(element.DataStart, end - element.DataStart);
            switch (element.Id)
            {
                case Ebml.Tracks when track is null:
                    track = MatroskaTrack.FirstAudio(data.Span);
                    break;
                case Ebml.SimpleBlock when track is not null:
                    problem ??= AddBlock(data, 0, track.Number, frames);
                    break;
                case Ebml.BlockGroup when track is not null:
                    problem ??= AddGroup(data, track.Number, frames);
                    break;
            }

            position = end;
        }

        return new Contents(track, frames, problem, cutShort);
    }

    private static string? AddGroup(ReadOnlyMemory<byte> group, long trackNumber, List<Frame> frames)
    {
        ReadOnlyMemory<byte>? block = null;
        long discardPadding = 0;
        int position = 0;
        while (Ebml.TryReadElement(group.Span, position, out var element) && element.Size != Ebml.UnknownSize)
        {
            int end = element.DataEnd(group.Length);
            if (element.Id == Ebml.Block)
            {
                block = group[element.DataStart..end];
            }
            else if (element.Id == Ebml.DiscardPadding)
            {
                discardPadding = Ebml.ReadSigned(group.Span[element.DataStart..end]);
            }

            position = end;
        }

        return block is { } data ? AddBlock(data, discardPadding, trackNumber, frames) : null;
    }

    /// <summary>Adds a block's frames when it belongs to the track; returns what is wrong with a block that cannot be split.</summary>
    private static string? AddBlock(ReadOnlyMemory<byte> block, long discardPadding, long trackNumber, List<Frame> frames)
    {
        var bytes = block.Span;
        if (!Ebml.TryReadVint(bytes, 0, keepMarker: false, out long number, out int numberLength) || bytes.Length < numberLength + 3)
        {
            return "a block's header is cut short";
        }

        if (number != trackNumber)
        {
            return null;
        }

        int lacing = (bytes[numberLength + 2] >> 1) & 0x3;
        int position = numberLength + 3;
        if (lacing == 0)
        {
            frames.Add(new Frame(block[position..], discardPadding));
            return null;
        }

        if (position >= bytes.Length)
        {
            return "a laced block has no frame count";
        }

        int count = bytes[position++] + 1;
        var sizes = new long[count];
        int payload = bytes.Length - position;
        switch (lacing)
        {
            case 2: // fixed: equal frames
                if (payload % count != 0)
                {
                    return $"a block of {payload} bytes does not split into {count} equal frames";
                }

                Array.Fill(sizes, payload / count);
                break;
            case 1: // Xiph: each size but the last as a run of 255s and a final byte
                for (int i = 0; i < count - 1; i++)
                {
                    int value;
                    do
                    {
                        if (position >= bytes.Length)
                        {
                            return "a block's Xiph lacing is cut short";
                        }

                        value = bytes[position++];
                        sizes[i] += value;
                    }
                    while (value == 255);
                }

                break;
            default: // EBML: the first size, then signed differences from the previous one
                if (!Ebml.TryReadVint(bytes, position, keepMarker: false, out sizes[0], out int length) || sizes[0] < 0)
                {
                    return "a block's EBML lacing is cut short";
                }

                position += length;
                for (int i = 1; i < count - 1; i++)
                {
                    if (!Ebml.TryReadVint(bytes, position, keepMarker: false, out long raw, out length) || raw < 0)
                    {
                        return "a block's EBML lacing is cut short";
                    }

                    position += length;
                    sizes[i] = sizes[i - 1] + raw - ((1L << ((7 * length) - 1)) - 1);
                }

                break;
        }

        if (lacing != 2)
        {
            long laced = 0;
            for (int i = 0; i < count - 1; i++)
            {
                laced += sizes[i];
            }

            sizes[count - 1] = bytes.Length - position - laced;
        }

        foreach (long size in sizes)
        {
            if (size < 0 || position + size > bytes.Length)
            {
                return "a block's lacing declares more bytes than the block holds";
            }

            frames.Add(new Frame(block.Slice(position, (int)size), 0));
            position += (int)size;
        }

        // The padding is the block's: it comes off the end of its last frame.
        frames[^1] = frames[^1] with { DiscardPaddingNs = discardPadding };
        return null;
    }
}
