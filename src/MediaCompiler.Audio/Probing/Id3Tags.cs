using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Metadata tags around MPEG/ADTS audio: ID3v2 at the start (several may follow each other; the footer flag adds
/// 10 bytes), ID3v1 ("TAG", the last 128 bytes) and APEv2 ("APETAGEX" footer) at the end.
/// </summary>
internal static class Id3Tags
{
    private const int Id3v2HeaderSize = 10;
    private const int Id3v1Size = 128;
    private const int ApeFooterSize = 32;
    private const int MaxLeadingTags = 16;

    /// <summary>
    /// The offset just past the ID3v2 tags at the start of the file (0 when there are none). It may lie beyond the
    /// end of the file when a tag claims more bytes than there are.
    /// </summary>
    public static long SkipLeadingId3v2(ByteSource source)
    {
        Span<byte> header = stackalloc byte[Id3v2HeaderSize];
        long position = 0;
        for (var tag = 0; tag < MaxLeadingTags && source.TryReadExactly(position, header); tag++)
        {
            if (!TryParseId3v2Size(header, out var size))
            {
                break;
            }

            position += size;
        }

        return position;
    }

    /// <summary>The size of an ID3v2 tag (header, body and optional footer) from its 10-byte header.</summary>
    public static bool TryParseId3v2Size(ReadOnlySpan<byte> header, out long size)
    {
        size = 0;
        // "ID3", major version 2-4, revision never 0xFF, and a 28-bit "syncsafe" size: the top bit of each byte is 0.
        if (header.Length < Id3v2HeaderSize || !header[..3].SequenceEqual("ID3"u8) || header[3] is < 2 or > 4 ||
            header[4] == 0xFF || ((header[6] | header[7] | header[8] | header[9]) & 0x80) != 0)
        {
            return false;
        }

        var body = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9];
        var hasFooter = header[3] == 4 && (header[5] & 0x10) != 0;
        size = Id3v2HeaderSize + body + (hasFooter ? Id3v2HeaderSize : 0);
        return true;
    }

    /// <summary>The offset where trailing ID3v1/APEv2 tags begin (the file length when there are none).</summary>
    public static long AudioEnd(ByteSource source, long audioStart)
    {
        var end = source.Length;
        Span<byte> probe = stackalloc byte[ApeFooterSize];
        if (end - audioStart >= Id3v1Size && source.TryReadExactly(end - Id3v1Size, probe[..3]) && probe[..3].SequenceEqual("TAG"u8))
        {
            end -= Id3v1Size;
        }

        if (end - audioStart >= ApeFooterSize && source.TryReadExactly(end - ApeFooterSize, probe) && probe[..8].SequenceEqual("APETAGEX"u8))
        {
            // The footer's size counts the items and the footer; bit 31 of the flags says a 32-byte header precedes them.
            var size = (long)BinaryPrimitives.ReadUInt32LittleEndian(probe[12..]);
            var hasHeader = (BinaryPrimitives.ReadUInt32LittleEndian(probe[20..]) & 0x80000000) != 0;
            var tagStart = end - size - (hasHeader ? ApeFooterSize : 0);
            if (size >= ApeFooterSize && tagStart >= audioStart)
            {
                end = tagStart;
            }
        }

        return end;
    }
}
