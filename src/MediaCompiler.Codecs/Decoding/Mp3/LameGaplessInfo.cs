using System.Buffers.Binary;

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
        var (offset, freeFormatBytes) = MpegStreamStart.Find(file, layer: 3);
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
}
