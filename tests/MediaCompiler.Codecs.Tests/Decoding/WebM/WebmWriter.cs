namespace MediaCompiler.Codecs.Tests.Decoding.WebM;

/// <summary>
/// Rewrites ffmpeg's WebM files into the shapes other writers produce: Clusters of unknown size (Chrome's
/// MediaRecorder), and blocks that lace several frames (RFC 9559 10.3), which ffmpeg's muxer never writes.
/// </summary>
internal static class WebmWriter
{
    private static readonly byte[] ClusterId = [0x1F, 0x43, 0xB6, 0x75];
    private static readonly byte[] SegmentId = [0x18, 0x53, 0x80, 0x67];
    private static readonly byte[] TracksId = [0x16, 0x54, 0xAE, 0x6B];

    /// <summary>Every Cluster's size field set to "unknown" (all ones, in the same number of bytes).</summary>
    public static byte[] WithUnknownClusterSizes(byte[] webm)
    {
        var copy = webm.ToArray();
        for (int at = IndexOf(copy, ClusterId, 0); at >= 0; at = IndexOf(copy, ClusterId, at + 4))
        {
            int sizeAt = at + 4;
            int length = System.Numerics.BitOperations.LeadingZeroCount((uint)copy[sizeAt]) - 23;
            copy[sizeAt] = (byte)((0xFF >> (length - 1)) & 0xFF);
            copy.AsSpan(sizeAt + 1, length - 1).Fill(0xFF);
        }

        return copy;
    }

    /// <summary>
    /// A file with the original's EBML header and Tracks, then one Cluster (unknown size, like the Segment) of
    /// SimpleBlocks for track 1 holding <paramref name="framesPerBlock"/> frames each with the given lacing
    /// (1 Xiph, 2 fixed, 3 EBML).
    /// </summary>
    public static byte[] Relace(byte[] webm, byte[][] frames, int lacing, int framesPerBlock)
    {
        int segment = IndexOf(webm, SegmentId, 0);
        var (tracks, tracksEnd) = FindChild(webm, segment + 4 + VintLength(webm[segment + 4]), TracksId);
        var file = new List<byte>(webm.AsSpan(0, segment).ToArray());
        file.AddRange(SegmentId);
        file.AddRange(new byte[] { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });
        file.AddRange(webm.AsSpan(tracks, tracksEnd - tracks).ToArray());
        file.AddRange(ClusterId);
        file.AddRange(new byte[] { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF });
        file.AddRange(new byte[] { 0xE7, 0x81, 0x00 }); // Timestamp 0
        for (int first = 0; first < frames.Length; first += framesPerBlock)
        {
            var group = frames.Skip(first).Take(framesPerBlock).ToArray();
            var block = new List<byte> { 0x81, 0x00, 0x00, (byte)(0x80 | (group.Length > 1 ? lacing << 1 : 0)) };
            if (group.Length > 1)
            {
                block.Add((byte)(group.Length - 1));
                block.AddRange(LacingHeader(group, lacing));
            }

            foreach (var frame in group)
            {
                block.AddRange(frame);
            }

            file.Add(0xA3);
            file.AddRange(EightByteSize(block.Count));
            file.AddRange(block);
        }

        return [.. file];
    }

    private static IEnumerable<byte> LacingHeader(byte[][] group, int lacing)
    {
        var header = new List<byte>();
        switch (lacing)
        {
            case 1:
                foreach (var frame in group[..^1])
                {
                    int size = frame.Length;
                    for (; size >= 255; size -= 255)
                    {
                        header.Add(255);
                    }

                    header.Add((byte)size);
                }

                break;
            case 3:
                header.AddRange(TwoByteVint(group[0].Length));
                for (int i = 1; i < group.Length - 1; i++)
                {
                    // A signed difference in a 2-byte vint: value + (2^13 − 1).
                    header.AddRange(TwoByteVint(group[i].Length - group[i - 1].Length + 8191));
                }

                break;
            case 2:
                Assert.All(group, frame => Assert.Equal(group[0].Length, frame.Length));
                break;
        }

        return header;
    }

    private static byte[] TwoByteVint(int value) => [(byte)(0x40 | (value >> 8)), (byte)value];

    private static byte[] EightByteSize(long size)
    {
        var bytes = new byte[8];
        bytes[0] = 0x01;
        for (int i = 7; i >= 1; i--, size >>= 8)
        {
            bytes[i] = (byte)size;
        }

        return bytes;
    }

    /// <summary>
    /// The element with the given ID among the siblings that start at <paramref name="position"/>, walked by their
    /// sizes (a byte search would find the SeekHead's mention of the ID first).
    /// </summary>
    private static (int Start, int End) FindChild(byte[] bytes, int position, byte[] id)
    {
        while (position < bytes.Length)
        {
            int idLength = VintLength(bytes[position]);
            int sizeAt = position + idLength;
            int end = sizeAt + VintLength(bytes[sizeAt]) + (int)ReadVint(bytes, sizeAt);
            if (bytes.AsSpan(position, idLength).SequenceEqual(id))
            {
                return (position, end);
            }

            position = end;
        }

        throw new InvalidOperationException("the file has no such element");
    }

    private static int VintLength(byte first) => System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 23;

    private static long ReadVint(byte[] bytes, int at)
    {
        int length = VintLength(bytes[at]);
        long value = bytes[at] & (0xFF >> length);
        for (int i = 1; i < length; i++)
        {
            value = (value << 8) | bytes[at + i];
        }

        return value;
    }

    private static int IndexOf(byte[] bytes, byte[] pattern, int from) => bytes.AsSpan(from).IndexOf(pattern) is var i and >= 0 ? from + i : -1;
}
