using System.Buffers.Binary;
using MediaCompiler.Audio.Probing;

namespace MediaCompiler.Codecs.Decoding.Vorbis;

/// <summary>
/// Takes the end-of-stream trimming away from NVorbis and does it here. NVorbis 0.10.5 trims the packets of the page
/// flagged end-of-stream to that page's granule position; when the granule lies before where those packets' samples
/// begin (a page duplicated by a bad copy, a damaged granule with a right CRC), its read loop never ends: the
/// fuzz suite found 1-s files that spun a core forever. So the decoder gets the pages with the flag cleared (and their
/// CRC made right again: only on pages whose CRC was right, so a damaged page stays damaged), decodes every packet, and
/// the samples past the last granule are cut here, where a granule before the audio is a coded rejection.
/// </summary>
internal static class VorbisEndOfStream
{
    private const int HeaderSize = 27;
    private const byte EndOfStreamFlag = 0x04;

    /// <summary>The content with no page flagged end-of-stream, and the granule position of the last page that was.</summary>
    public static (byte[] Content, long? EndGranule) Unflag(byte[] content)
    {
        byte[]? copy = null;
        long? endGranule = null;
        var at = 0;
        while (at + HeaderSize <= content.Length && content.AsSpan(at, 4).SequenceEqual("OggS"u8))
        {
            int segments = content[at + 26];
            if (at + HeaderSize + segments > content.Length)
            {
                break;
            }

            var length = HeaderSize + segments;
            foreach (var lacing in content.AsSpan(at + HeaderSize, segments))
            {
                length += lacing;
            }

            if (at + length > content.Length)
            {
                break;
            }

            if ((content[at + 5] & EndOfStreamFlag) != 0 && CrcMatches(content.AsSpan(at, length)))
            {
                copy ??= (byte[])content.Clone();
                endGranule = BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(at + 6));
                copy[at + 5] &= unchecked((byte)~EndOfStreamFlag);
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 22), Crc(copy.AsSpan(at, length)));
            }

            at += length;
        }

        return (copy ?? content, endGranule);
    }

    private static bool CrcMatches(ReadOnlySpan<byte> page) => BinaryPrimitives.ReadUInt32LittleEndian(page[22..]) == Crc(page);

    /// <summary>The page's CRC computed with its CRC field taken as zero (RFC 3533).</summary>
    private static uint Crc(ReadOnlySpan<byte> page)
    {
        var crc = OggCrc.Compute(page[..22]);
        crc = OggCrc.Compute([0, 0, 0, 0], crc);
        return OggCrc.Compute(page[26..], crc);
    }
}
