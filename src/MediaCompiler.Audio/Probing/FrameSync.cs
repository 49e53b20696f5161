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
/// A stream that starts where one is expected and is cut off within its first frames: the frame at
/// <see cref="Offset"/> declares <see cref="DeclaredBytes"/> bytes (a header's, when the cut falls in one), of which the
/// file holds <see cref="HeldBytes"/>.
/// </summary>
internal readonly record struct FrameStreamCut(FrameStreamKind Kind, long Start, long Offset, int DeclaredBytes, long HeldBytes)
{
    public string Describe() =>
        $"the file ends inside the {(Kind == FrameStreamKind.Mpeg ? "MPEG audio" : "ADTS")} frame at byte {Offset:N0} "
        + $"({DeclaredBytes:N0} bytes declared, {HeldBytes:N0} present)";
}

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

    /// <summary>
    /// A stream too short to prove by <see cref="Find"/> because the file ends inside one of its first frames: valid,
    /// consistent headers from exactly <paramref name="start"/> (the file's first byte, or the first after its tags,
    /// where a stream is expected and random bytes rarely pass for a header) up to a frame the file does not hold
    /// whole. Null for anything else (junk after the headers, a stream that ends on a frame boundary).
    /// </summary>
    public static FrameStreamCut? FindCutShort(ByteSource source, long start, long audioEnd) =>
        CutShort(source, FrameStreamKind.Mpeg, start, audioEnd) ?? CutShort(source, FrameStreamKind.Adts, start, audioEnd);

    private static FrameStreamCut? CutShort(ByteSource source, FrameStreamKind kind, long start, long audioEnd)
    {
        Span<byte> bytes = stackalloc byte[Math.Max(MpegFrameHeader.Size, AdtsFrameHeader.Size)];
        var headerSize = kind == FrameStreamKind.Mpeg ? MpegFrameHeader.Size : AdtsFrameHeader.Size;
        MpegFrameHeader? firstMpeg = null;
        AdtsFrameHeader? firstAdts = null;
        var position = start;
        for (var number = 1; number <= RequiredFrames && position < audioEnd; number++)
        {
            var header = bytes[..headerSize];
            if (audioEnd - position < headerSize)
            {
                // Part of a header: it counts only when what is there matches the stream's sync.
                return number > 1 && source.TryReadExactly(position, header[..1]) && header[0] == 0xFF
                    ? new FrameStreamCut(kind, start, position, headerSize, audioEnd - position)
                    : null;
            }

            if (!source.TryReadExactly(position, header))
            {
                return null;
            }

            int length;
            if (kind == FrameStreamKind.Mpeg)
            {
                if (!MpegFrameHeader.TryParse(header, out var mpeg) || (firstMpeg is { } f && !mpeg.SameStreamAs(f)))
                {
                    return null;
                }

                firstMpeg ??= mpeg;
                length = mpeg.FrameLength;
            }
            else
            {
                if (!AdtsFrameHeader.TryParse(header, out var adts) || (firstAdts is { } f && !adts.SameStreamAs(f)))
                {
                    return null;
                }

                firstAdts ??= adts;
                length = adts.FrameLength;
            }

            if (position + length > audioEnd)
            {
                return new FrameStreamCut(kind, start, position, length, audioEnd - position);
            }

            position += length;
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
