using System.Buffers.Binary;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>How a structure's length is written, so that a mutant can lie about it.</summary>
public enum SizeEncoding
{
    None,
    UInt32LittleEndian,
    UInt32BigEndian,
    UInt24BigEndian,
    /// <summary>ADTS aac_frame_length: 13 bits over header bytes 3-5.</summary>
    Adts13,
    /// <summary>An Ogg page's last lacing value (the page's length is the sum of its lacing values).</summary>
    OggLacing,
}

/// <summary>One structure of a file (a RIFF chunk, an MP4 box, an Ogg page, a FLAC block, an MPEG frame).</summary>
/// <param name="Start">Its first byte.</param>
/// <param name="Length">Its whole length, header included.</param>
/// <param name="HeaderLength">How many of its first bytes are header fields worth overwriting with extremes.</param>
/// <param name="SizeAt">Where its length field is (absolute), with <paramref name="Size"/> saying how it is written.</param>
public sealed record FileRegion(int Start, int Length, int HeaderLength, int SizeAt, SizeEncoding Size);

/// <summary>
/// A walk of a seed's structures, written here from the formats' specifications (RIFF, ISO BMFF, RFC 3533 Ogg,
/// RFC 9639 FLAC, ISO/IEC 13818-7 ADTS, MPEG audio frame headers), not from the code under test, so that the
/// mutator can aim at headers, size fields and whole chunks.
/// </summary>
public static class ContainerMap
{
    private static readonly HashSet<string> Mp4Containers = ["moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "udta"];

    public static IReadOnlyList<FileRegion> Walk(byte[] file, SeedContainer container) => container switch
    {
        SeedContainer.Wav => Riff(file),
        SeedContainer.Mp4 => Boxes(file, 0, file.Length, []),
        SeedContainer.Ogg => OggPages(file),
        SeedContainer.Flac => FlacBlocks(file),
        SeedContainer.Adts => AdtsFrames(file),
        _ => MpegFrames(file),
    };

    private static List<FileRegion> Riff(byte[] file)
    {
        var found = new List<FileRegion> { new(0, 12, 12, 4, SizeEncoding.UInt32LittleEndian) };
        for (var at = 12; at + 8 <= file.Length;)
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4)), (uint)(file.Length - at - 8));
            var length = Math.Min(8 + size + (size & 1), file.Length - at);
            // A fmt chunk's fields (tag, channels, rate, byte rate, block align, bits) are all header worth lying in.
            var header = file.AsSpan(at, 4).SequenceEqual("fmt "u8) ? Math.Min(length, 8 + 40) : 8;
            found.Add(new FileRegion(at, length, header, at + 4, SizeEncoding.UInt32LittleEndian));
            at += length;
        }

        return found;
    }

    private static List<FileRegion> Boxes(byte[] file, int from, int to, List<FileRegion> found)
    {
        for (var at = from; at + 8 <= to;)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            var length = size < 8 || size > to - at ? to - at : (int)size;
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            // The full-box fields (version, flags, entry counts, first entries) sit in the first 24 bytes.
            found.Add(new FileRegion(at, length, Math.Min(length, 24), at, SizeEncoding.UInt32BigEndian));
            if (Mp4Containers.Contains(type))
            {
                Boxes(file, at + 8, at + length, found);
            }
            else if (type == "stsd" && length > 16)
            {
                Boxes(file, at + 16, at + length, found); // version/flags and entry count, then the sample entries
            }

            at += length;
        }

        return found;
    }

    private static List<FileRegion> OggPages(byte[] file)
    {
        var found = new List<FileRegion>();
        foreach (var page in OggPageCrc.Pages(file))
        {
            found.Add(new FileRegion(page.Start, page.Length, 27 + page.Segments, page.Start + 26 + page.Segments, SizeEncoding.OggLacing));
        }

        return found;
    }

    private static List<FileRegion> FlacBlocks(byte[] file)
    {
        var found = new List<FileRegion>();
        var at = 4; // "fLaC"
        while (at + 4 <= file.Length)
        {
            var length = Math.Min(4 + (int)(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)) & 0xFFFFFF), file.Length - at);
            found.Add(new FileRegion(at, length, Math.Min(length, 4 + 34), at + 1, SizeEncoding.UInt24BigEndian));
            var last = (file[at] & 0x80) != 0;
            at += length;
            if (last)
            {
                break;
            }
        }

        // Frames: from one frame sync (0xFFF8, 0xFFF9) to the next; their headers are at most 16 bytes.
        var frames = new List<int>();
        for (var i = at; i + 1 < file.Length; i++)
        {
            if (file[i] == 0xFF && (file[i + 1] & 0xFE) == 0xF8)
            {
                frames.Add(i);
            }
        }

        AddRuns(found, frames, file.Length, headerLength: 16);
        return found;
    }

    private static List<FileRegion> AdtsFrames(byte[] file)
    {
        var found = new List<FileRegion>();
        for (var at = 0; at + 7 <= file.Length;)
        {
            var length = ((file[at + 3] & 3) << 11) | (file[at + 4] << 3) | (file[at + 5] >> 5);
            length = length < 7 ? file.Length - at : Math.Min(length, file.Length - at);
            found.Add(new FileRegion(at, length, 7, at, SizeEncoding.Adts13));
            at += length;
        }

        return found;
    }

    /// <summary>An ID3v2 tag, then MPEG frames from one sync word to the next (frame lengths are the code under test's business).</summary>
    private static List<FileRegion> MpegFrames(byte[] file)
    {
        var found = new List<FileRegion>();
        var at = 0;
        if (file.Length > 10 && file.AsSpan(0, 3).SequenceEqual("ID3"u8))
        {
            at = Math.Min(10 + ((file[6] & 0x7F) << 21 | (file[7] & 0x7F) << 14 | (file[8] & 0x7F) << 7 | (file[9] & 0x7F)), file.Length);
            found.Add(new FileRegion(0, at, 10, 0, SizeEncoding.None));
        }

        var frames = new List<int>();
        for (var i = at; i + 3 < file.Length; i++)
        {
            // Sync, a layer that is not "reserved", a bitrate index that is not "bad": a plausible MPEG frame header.
            if (file[i] == 0xFF && (file[i + 1] & 0xE0) == 0xE0 && (file[i + 1] & 0x06) != 0 && (file[i + 2] & 0xF0) != 0xF0)
            {
                frames.Add(i);
                i += 47; // the shortest frame at the seed's rate and bitrate is longer than this
            }
        }

        AddRuns(found, frames, file.Length, headerLength: 4);
        return found;
    }

    private static void AddRuns(List<FileRegion> found, List<int> starts, int end, int headerLength)
    {
        for (var i = 0; i < starts.Count; i++)
        {
            var length = (i + 1 < starts.Count ? starts[i + 1] : end) - starts[i];
            found.Add(new FileRegion(starts[i], length, Math.Min(headerLength, length), starts[i], SizeEncoding.None));
        }
    }
}
