using System.Buffers.Binary;
using MediaCompiler.Audio.Probing;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// What the encoder's Xing/Info frame says about the real audio: how many frames follow it, and how many samples at
/// the start (encoder delay) and end (padding) are not part of the signal. The delay and padding live in the LAME
/// tag (also written by ffmpeg's "Lavc" encoder) as two 12-bit numbers 21 bytes after the tag's start.
/// </summary>
internal sealed record LameGaplessInfo(long FirstAudioFrameOffset, MpegAudioFrame Frame, long? FrameCount, int EncoderDelay, int Padding)
{
    /// <summary>
    /// The MDCT/polyphase synthesis delay of every standard Layer III decoder (528 + 1 samples); LAME, mpg123 and
    /// ffmpeg add it to the declared encoder delay.
    /// </summary>
    public const int DecoderDelay = 529;

    private const int LameDelayOffset = 21;

    /// <summary>Samples to drop before the signal starts.</summary>
    public int LeadingSamplesToSkip => EncoderDelay + DecoderDelay;

    /// <summary>The signal's sample count, when the frame count is declared.</summary>
    public long? SignalSamples => FrameCount is { } frames ? Math.Max(0, (frames * Frame.SamplesPerFrame) - EncoderDelay - Padding) : null;

    /// <summary>
    /// Finds the first frame (after any ID3v2 tag) and, when it is a Xing/Info frame, reads its counts. Null when no
    /// Layer III frame is found where the stream should start.
    /// </summary>
    public static LameGaplessInfo? Read(ReadOnlySpan<byte> file)
    {
        long start = SkipId3v2(file);
        var (offset, freeFormatBytes) = FindFrame(file, start);
        if (offset < 0 || !MpegAudioFrame.TryParse(file[(int)offset..], out var frame, freeFormatBytes))
        {
            return null;
        }

        int xing = (int)offset + MpegAudioFrame.HeaderSize + frame.SideInfoSize;
        var info = TryReadInfoTag(file, xing, frame, offset) ?? (frame.HasCrc ? TryReadInfoTag(file, xing + 2, frame, offset) : null);
        return info ?? new LameGaplessInfo(offset, frame, null, 0, 0);
    }

    private static LameGaplessInfo? TryReadInfoTag(ReadOnlySpan<byte> file, int position, MpegAudioFrame frame, long frameOffset)
    {
        if (file.Length < position + 8)
        {
            return null;
        }

        var tag = file.Slice(position, 4);
        if (!tag.SequenceEqual("Xing"u8) && !tag.SequenceEqual("Info"u8))
        {
            return null;
        }

        uint flags = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 4)..]);
        int cursor = position + 8;
        long? frames = null;
        if ((flags & 0x1) != 0 && file.Length >= cursor + 4)
        {
            frames = BinaryPrimitives.ReadUInt32BigEndian(file[cursor..]);
        }

        // Each optional field is present only when its flag is set: frames (4), bytes (4), TOC (100), quality (4).
        cursor += ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x2) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 100 : 0) + ((flags & 0x8) != 0 ? 4 : 0);
        int delay = 0;
        int padding = 0;
        if (file.Length >= cursor + LameDelayOffset + 3 && (file.Slice(cursor, 4).SequenceEqual("LAME"u8) || file.Slice(cursor, 4).SequenceEqual("Lavc"u8)))
        {
            var packed = file.Slice(cursor + LameDelayOffset, 3);
            delay = (packed[0] << 4) | (packed[1] >> 4);
            padding = ((packed[1] & 0x0F) << 8) | packed[2];
        }

        // The Info frame holds no audio: the stream starts at the frame after it.
        return new LameGaplessInfo(frameOffset + frame.Length, frame, frames, delay, padding);
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

    /// <summary>
    /// The first offset at or after <paramref name="start"/> holding a Layer III header followed by another, and for
    /// a free-format stream its unpadded frame length (the distance between its headers; 0 otherwise).
    /// </summary>
    private static (long Offset, int FreeFormatBytes) FindFrame(ReadOnlySpan<byte> file, long start)
    {
        for (long i = start; i + MpegAudioFrame.HeaderSize <= file.Length; i++)
        {
            var candidate = file[(int)i..];
            int freeFormatBytes = MpegFrameHeader.IsFreeFormatHeader(candidate)
                ? MpegFreeFormat.FindFrameBytes(candidate[..Math.Min(candidate.Length, MpegFreeFormat.SearchBytes)])
                : 0;
            if (MpegAudioFrame.TryParse(candidate, out var frame, freeFormatBytes))
            {
                long next = i + frame.Length;
                if (next + MpegAudioFrame.HeaderSize > file.Length || MpegAudioFrame.TryParse(file[(int)next..], out _, freeFormatBytes))
                {
                    return (i, freeFormatBytes);
                }
            }
        }

        return (-1, 0);
    }
}
