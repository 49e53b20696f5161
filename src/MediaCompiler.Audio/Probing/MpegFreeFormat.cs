namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Free-format MPEG audio (bitrate index 0): the stream has one fixed bitrate, so every frame is N bytes long (N + 1
/// slot with the padding bit), but no header names it (ISO/IEC 11172-3 2.4.2.3). A decoder learns N from the distance
/// between headers: here, the first distance at which a header of the same stream (same sync, version, layer,
/// protection, bitrate index 0 and sample rate) follows, confirmed by a third header where the second frame ends (or
/// by the end of the data there), so that a pattern inside the audio data does not pass for the next header.
/// </summary>
internal static class MpegFreeFormat
{
    /// <summary>
    /// The longest free-format frame searched for (unpadded): lame codes MPEG-2.5 at 8 kHz up to 640 kb/s, 5,760 bytes.
    /// </summary>
    public const int MaxFrameBytes = 5760;

    /// <summary>Bytes from a frame's start that always hold two frames and the header of a third.</summary>
    public const int SearchBytes = (2 * (MaxFrameBytes + 4)) + MpegFrameHeader.Size;

    /// <summary>
    /// The stream's unpadded free-format frame length, when <paramref name="data"/> (from a frame's start to the end of
    /// the audio, or at least <see cref="SearchBytes"/> of it) starts with a free-format header; otherwise 0.
    /// </summary>
    public static int FindFrameBytes(ReadOnlySpan<byte> data)
    {
        if (!MpegFrameHeader.IsFreeFormatHeader(data) || !MpegFrameHeader.TryParse(data, out var first, freeFormatBytes: 1))
        {
            return 0;
        }

        var minimum = MpegFrameHeader.Size + (first.HasCrc ? 2 : 0) + (first.Layer == 3 ? first.SideInfoSize : 0);
        var firstPadding = first.Padding ? first.PaddingBytes : 0;
        var limit = Math.Min(data.Length - MpegFrameHeader.Size, MaxFrameBytes + firstPadding);
        for (var distance = minimum; distance <= limit; distance++)
        {
            if (!SameStream(data, distance))
            {
                continue;
            }

            var bytes = distance - firstPadding;
            var secondPadding = ((data[distance + 2] >> 1) & 0x1) == 1 ? first.PaddingBytes : 0;
            var third = distance + bytes + secondPadding;
            // The third header confirms the length; where the data ends with the second frame there is none to see.
            if (third <= data.Length && (third + MpegFrameHeader.Size > data.Length || SameStream(data, third)))
            {
                return bytes;
            }
        }

        return 0;
    }

    private static bool SameStream(ReadOnlySpan<byte> data, int at) =>
        data[at] == 0xFF && data[at + 1] == data[1] && (data[at + 2] & 0xFC) == (data[2] & 0xFC);
}
