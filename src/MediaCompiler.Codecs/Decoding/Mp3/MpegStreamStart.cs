using MediaCompiler.Audio.Probing;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>Where an MPEG audio stream's first frame of a layer starts: after any ID3v2 tags, at a header followed by another.</summary>
internal static class MpegStreamStart
{
    /// <summary>
    /// The first offset after the leading ID3v2 tags holding a header of <paramref name="layer"/> followed by another
    /// (or by the end of the file), and for a free-format stream its unpadded frame length (the distance between its
    /// headers; 0 otherwise). Offset −1 when there is none.
    /// </summary>
    public static (long Offset, int FreeFormatBytes) Find(ReadOnlySpan<byte> file, int layer)
    {
        for (long i = SkipId3v2(file); i + MpegAudioFrame.HeaderSize <= file.Length; i++)
        {
            var candidate = file[(int)i..];
            int freeFormatBytes = MpegFrameHeader.IsFreeFormatHeader(candidate)
                ? MpegFreeFormat.FindFrameBytes(candidate[..Math.Min(candidate.Length, MpegFreeFormat.SearchBytes)])
                : 0;
            if (MpegAudioFrame.TryParse(candidate, out var frame, freeFormatBytes, layer))
            {
                long next = i + frame.Length;
                if (next + MpegAudioFrame.HeaderSize > file.Length || MpegAudioFrame.TryParse(file[(int)next..], out _, freeFormatBytes, layer))
                {
                    return (i, freeFormatBytes);
                }
            }
        }

        return (-1, 0);
    }

    private static long SkipId3v2(ReadOnlySpan<byte> file)
    {
        long offset = 0;
        // Some files carry several tags in a row; each is "ID3", version (2), flags, syncsafe size.
        while (file.Length >= offset + 10 && file.Slice((int)offset, 3).SequenceEqual("ID3"u8))
        {
            var header = file.Slice((int)offset, 10);
            int size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9];
            bool footer = (header[5] & 0x10) != 0;
            offset += 10 + size + (footer ? 10 : 0);
        }

        return offset;
    }
}
