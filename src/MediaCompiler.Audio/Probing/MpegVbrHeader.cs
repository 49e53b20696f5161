using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// The summary an encoder leaves in the first MPEG frame: a Xing ("Xing" for VBR, "Info" for CBR, both from LAME and
/// others) or Fraunhofer VBRI header, giving the frame count (hence the exact duration) and the stream's byte count.
/// </summary>
internal sealed record MpegVbrHeader(string Kind, long? Frames, long? Bytes)
{
    /// <summary>"Info" is the Xing header of a constant-bitrate stream, whose bitrate is the frames' own.</summary>
    public bool IsConstantBitrate => Kind == "Info";

    private const int VbriOffset = MpegFrameHeader.Size + 32;

    /// <summary>Reads the header from the bytes of the first frame, or null when it has none.</summary>
    public static MpegVbrHeader? TryRead(ReadOnlySpan<byte> frame, MpegFrameHeader header)
    {
        if (header.Layer != 3)
        {
            return null;
        }

        // The Xing tag follows the side information; with a CRC the two CRC bytes come first.
        var xingOffset = MpegFrameHeader.Size + header.SideInfoSize;
        return TryReadXing(frame, xingOffset)
            ?? (header.HasCrc ? TryReadXing(frame, xingOffset + 2) : null)
            ?? TryReadVbri(frame);
    }

    private static MpegVbrHeader? TryReadXing(ReadOnlySpan<byte> frame, int offset)
    {
        if (frame.Length < offset + 8)
        {
            return null;
        }

        var tag = frame.Slice(offset, 4);
        var kind = tag.SequenceEqual("Xing"u8) ? "Xing" : tag.SequenceEqual("Info"u8) ? "Info" : null;
        if (kind is null)
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]);
        var position = offset + 8;
        long? frames = null;
        long? bytes = null;
        if ((flags & 0x1) != 0 && frame.Length >= position + 4)
        {
            frames = BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
            position += 4;
        }

        if ((flags & 0x2) != 0 && frame.Length >= position + 4)
        {
            bytes = BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
        }

        return new MpegVbrHeader(kind, frames, bytes);
    }

    private static MpegVbrHeader? TryReadVbri(ReadOnlySpan<byte> frame)
    {
        // "VBRI", version, delay, quality (2 bytes each), then the byte and frame counts.
        if (frame.Length < VbriOffset + 18 || !frame.Slice(VbriOffset, 4).SequenceEqual("VBRI"u8))
        {
            return null;
        }

        var bytes = BinaryPrimitives.ReadUInt32BigEndian(frame[(VbriOffset + 10)..]);
        var frames = BinaryPrimitives.ReadUInt32BigEndian(frame[(VbriOffset + 14)..]);
        return new MpegVbrHeader("VBRI", frames, bytes);
    }
}
