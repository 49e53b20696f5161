using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// One Ogg page (RFC 3533): "OggS", version 0, header type (continued/BOS/EOS), granule position, serial number,
/// sequence number, CRC, and a segment table whose lacing values give the body's size and packet boundaries.
/// </summary>
internal sealed class OggPage
{
    public const int HeaderSize = 27;

    /// <summary>27 header bytes, 255 lacing values of 255 bytes each.</summary>
    public const int MaxPageSize = HeaderSize + 255 + (255 * 255);

    private const byte BeginningOfStream = 0x02;

    private OggPage(byte[] page, int segmentCount)
    {
        Bytes = page;
        SegmentCount = segmentCount;
    }

    /// <summary>The whole page, header, segment table and body.</summary>
    public byte[] Bytes { get; }

    public int SegmentCount { get; }

    public bool IsBeginningOfStream => (Bytes[5] & BeginningOfStream) != 0;

    public long GranulePosition => BinaryPrimitives.ReadInt64LittleEndian(Bytes.AsSpan(6));

    public uint SerialNumber => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(14));

    public bool CrcMatches
    {
        get
        {
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(22));
            var crc = OggCrc.Compute(Bytes.AsSpan(0, 22));
            crc = OggCrc.Compute([0, 0, 0, 0], crc);
            crc = OggCrc.Compute(Bytes.AsSpan(26), crc);
            return crc == stored;
        }
    }

    /// <summary>The first packet that starts on this page (up to the first lacing value below 255).</summary>
    public ReadOnlySpan<byte> FirstPacket()
    {
        var length = 0;
        for (var i = 0; i < SegmentCount; i++)
        {
            var lacing = Bytes[HeaderSize + i];
            length += lacing;
            if (lacing < 255)
            {
                break;
            }
        }

        return Bytes.AsSpan(HeaderSize + SegmentCount, length);
    }

    /// <summary>True when <paramref name="header"/> starts with a plausible page header (capture pattern, version 0).</summary>
    public static bool LooksLikeHeader(ReadOnlySpan<byte> header) =>
        header.Length >= 5 && header[..4].SequenceEqual("OggS"u8) && header[4] == 0;

    /// <summary>The page size announced by a page's first bytes (header and segment table), or null when cut short.</summary>
    public static int? DeclaredSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || bytes.Length < HeaderSize + bytes[26])
        {
            return null;
        }

        var segments = bytes[26];
        var size = HeaderSize + segments;
        foreach (var lacing in bytes.Slice(HeaderSize, segments))
        {
            size += lacing;
        }

        return size;
    }

    /// <summary>Reads the page at <paramref name="offset"/>; null when there is none or the file ends inside it.</summary>
    public static OggPage? Read(ByteSource source, long offset, out bool cut)
    {
        cut = false;
        Span<byte> head = stackalloc byte[HeaderSize + 255];
        var read = source.ReadAt(offset, head);
        if (!LooksLikeHeader(head[..read]))
        {
            return null;
        }

        if (DeclaredSize(head[..read]) is not { } size || offset + size > source.Length)
        {
            cut = true;
            return null;
        }

        var page = source.ReadBlock(offset, size);
        return new OggPage(page, page[26]);
    }

    /// <summary>Parses a page held entirely in <paramref name="bytes"/> at <paramref name="start"/>, or null.</summary>
    public static OggPage? FromBuffer(ReadOnlySpan<byte> bytes, int start)
    {
        var rest = bytes[start..];
        if (!LooksLikeHeader(rest) || DeclaredSize(rest) is not { } size || size > rest.Length)
        {
            return null;
        }

        return new OggPage(rest[..size].ToArray(), rest[26]);
    }
}
