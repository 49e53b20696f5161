using System.Buffers.Binary;
using MediaCompiler.Audio.Probing;

namespace MediaCompiler.Codecs.Decoding.Opus;

/// <summary>A packet of an Ogg logical stream, with the granule position of the page it ends on (-1 when none is set).</summary>
internal readonly record struct OggPacket(byte[] Data, long PageGranule, bool EndsPage);

/// <summary>
/// Reads the packets of the first logical stream of an Ogg file (RFC 3533) held in memory: pages are "OggS", version
/// 0, header type, granule position, serial, sequence, CRC and a segment table; a lacing value below 255 ends a packet,
/// and a packet may continue over the next pages. Pages of other logical streams (chained or multiplexed) are skipped.
/// </summary>
internal static class OggPacketReader
{
    private const int HeaderSize = 27;

    /// <summary>
    /// The byte offset of the first page that begins a logical stream after a page that did not: a second link of a
    /// chained file (RFC 3533 section 4: every stream of a link begins before any page of data, so a later beginning is
    /// a new link). Files joined with cat can share one serial number, so serials cannot tell; null when none.
    /// </summary>
    public static long? SecondLinkAt(ReadOnlySpan<byte> file)
    {
        var seenData = false;
        for (int offset = 0; offset < file.Length;)
        {
            var rest = file[offset..];
            if (!OggPage.LooksLikeHeader(rest) || OggPage.DeclaredSize(rest) is not { } size)
            {
                return null;   // damage is the decoder's to report
            }

            bool beginsStream = (rest[5] & 0x02) != 0;
            if (beginsStream && seenData)
            {
                return offset;
            }

            seenData |= !beginsStream;
            offset += size;
        }

        return null;
    }

    /// <summary>
    /// The packets, or the reason the bytes are not a readable Ogg stream (a page cut short, a missing capture
    /// pattern). A file that ends inside a packet yields the packets before it.
    /// </summary>
    /// <param name="maxPackets">Stop once this many packets are read (the rest of the file is not looked at).</param>
    /// <param name="skipPagesFailingCrc">Leave out pages whose CRC is wrong, as NVorbis does, to see what it will see.</param>
    public static (List<OggPacket> Packets, string? Error) ReadPackets(ReadOnlySpan<byte> file, int maxPackets = int.MaxValue, bool skipPagesFailingCrc = false)
    {
        var packets = new List<OggPacket>();
        var pending = new List<byte>();
        uint? serial = null;
        int offset = 0;
        while (offset < file.Length && packets.Count < maxPackets)
        {
            var rest = file[offset..];
            if (rest.Length < HeaderSize || !rest[..4].SequenceEqual("OggS"u8) || rest[4] != 0)
            {
                return (packets, $"no Ogg page where one should start (byte {offset})");
            }

            int segments = rest[26];
            if (rest.Length < HeaderSize + segments)
            {
                return (packets, $"the Ogg page at byte {offset} is cut short");
            }

            var lacing = rest.Slice(HeaderSize, segments);
            int bodySize = 0;
            foreach (byte value in lacing)
            {
                bodySize += value;
            }

            if (rest.Length < HeaderSize + segments + bodySize)
            {
                return (packets, $"the Ogg page at byte {offset} is cut short");
            }

            uint pageSerial = BinaryPrimitives.ReadUInt32LittleEndian(rest[14..]);
            serial ??= pageSerial;
            if (pageSerial == serial && (!skipPagesFailingCrc || CrcMatches(rest[..(HeaderSize + segments + bodySize)])))
            {
                long granule = BinaryPrimitives.ReadInt64LittleEndian(rest[6..]);
                AddPackets(rest.Slice(HeaderSize + segments, bodySize), lacing, granule, pending, packets);
            }

            offset += HeaderSize + segments + bodySize;
        }

        if (packets.Count > maxPackets)
        {
            packets.RemoveRange(maxPackets, packets.Count - maxPackets);
        }

        return (packets, null);
    }

    private static bool CrcMatches(ReadOnlySpan<byte> page)
    {
        var crc = OggCrc.Compute(page[..22]);
        crc = OggCrc.Compute([0, 0, 0, 0], crc);
        return BinaryPrimitives.ReadUInt32LittleEndian(page[22..]) == OggCrc.Compute(page[26..], crc);
    }

    private static void AddPackets(ReadOnlySpan<byte> body, ReadOnlySpan<byte> lacing, long granule, List<byte> pending, List<OggPacket> packets)
    {
        int position = 0;
        int lastComplete = -1;
        for (int i = 0; i < lacing.Length; i++)
        {
            if (lacing[i] < 255)
            {
                lastComplete = i;
            }
        }

        for (int i = 0; i < lacing.Length; i++)
        {
            pending.AddRange(body.Slice(position, lacing[i]));
            position += lacing[i];
            if (lacing[i] < 255)
            {
                packets.Add(new OggPacket([.. pending], granule, i == lastComplete));
                pending.Clear();
            }
        }
    }
}
