namespace MediaCompiler.Audio.Probing;

/// <summary>Which frame format a synchronised stream uses.</summary>
internal enum FrameStreamKind
{
    Mpeg,
    Adts,
}

/// <summary>Where a run of consecutive, consistent frames begins.</summary>
internal readonly record struct FrameStreamStart(FrameStreamKind Kind, long Offset);

/// <summary>
/// Finds MPEG audio or ADTS frames: a candidate sync word counts only when it starts a chain of several consecutive
/// frames of the same stream (or a shorter chain that ends exactly at the end of the audio, for very short files
/// that start right at the expected place). That is what tells real audio from random bytes that happen to
/// contain 0xFFF.
/// </summary>
internal static class FrameSync
{
    /// <summary>How many consecutive frames prove a stream.</summary>
    public const int RequiredFrames = 4;

    /// <summary>How far past the expected start (after tags) junk may precede the first frame.</summary>
    private const int SearchWindow = 64 * 1024;

    public static FrameStreamStart? Find(ByteSource source, long start, long audioEnd)
    {
        var windowEnd = Math.Min(audioEnd, start + SearchWindow);
        if (windowEnd - start < Math.Min(MpegFrameHeader.Size, AdtsFrameHeader.Size))
        {
            return null;
        }

        var window = source.ReadBlock(start, (int)(windowEnd - start));
        for (var i = 0; i + 1 < window.Length; i++)
        {
            if (window[i] != 0xFF || (window[i + 1] & 0xE0) != 0xE0)
            {
                continue;
            }

            var offset = start + i;
            var exactStart = i == 0;
            if (IsMpegChain(source, offset, audioEnd, exactStart))
            {
                return new FrameStreamStart(FrameStreamKind.Mpeg, offset);
            }

            if (IsAdtsChain(source, offset, audioEnd, exactStart))
            {
                return new FrameStreamStart(FrameStreamKind.Adts, offset);
            }
        }

        return null;
    }

    private static bool IsMpegChain(ByteSource source, long offset, long audioEnd, bool exactStart)
    {
        Span<byte> bytes = stackalloc byte[MpegFrameHeader.Size];
        MpegFrameHeader? first = null;
        var position = offset;
        var freeFormatBytes = 0;
        for (var frames = 0; frames < RequiredFrames; frames++)
        {
            if (position == audioEnd && frames >= 2 && exactStart)
            {
                return true;
            }

            if (frames == 0 && source.TryReadExactly(position, bytes) && MpegFrameHeader.IsFreeFormatHeader(bytes))
            {
                // A free-format stream: its frame length is the distance between its headers. Only where the stream
                // is expected to start (the file's or the data chunk's first byte, after tags): a free-format header
                // names no length to check, and PCM near silence (bytes FF FF 0x, a sample of -1 then a small one)
                // repeats at some distance often enough to pass for a chain of them, deep inside a headerless file.
                if (!exactStart)
                {
                    return false;
                }

                freeFormatBytes = MpegFreeFormat.FindFrameBytes(source.ReadBlock(position, (int)Math.Min(MpegFreeFormat.SearchBytes, audioEnd - position)));
            }

            if (!source.TryReadExactly(position, bytes) || !MpegFrameHeader.TryParse(bytes, out var header, freeFormatBytes) ||
                (first is { } f && !header.SameStreamAs(f)))
            {
                return false;
            }

            first ??= header;
            position += header.FrameLength;
        }

        return true;
    }

    private static bool IsAdtsChain(ByteSource source, long offset, long audioEnd, bool exactStart)
    {
        Span<byte> bytes = stackalloc byte[AdtsFrameHeader.Size];
        AdtsFrameHeader? first = null;
        var position = offset;
        for (var frames = 0; frames < RequiredFrames; frames++)
        {
            if (position == audioEnd && frames >= 2 && exactStart)
            {
                return true;
            }

            if (!source.TryReadExactly(position, bytes) || !AdtsFrameHeader.TryParse(bytes, out var header) ||
                (first is { } f && !header.SameStreamAs(f)))
            {
                return false;
            }

            first ??= header;
            position += header.FrameLength;
        }

        return true;
    }
}
