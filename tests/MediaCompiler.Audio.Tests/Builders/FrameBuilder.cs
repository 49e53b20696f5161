using System.Buffers.Binary;

namespace MediaCompiler.Audio.Tests.Builders;

/// <summary>Hand-built MPEG audio and ADTS frames, ID3 tags, Xing/Info/VBRI headers.</summary>
public static class FrameBuilder
{
    /// <summary>
    /// An MPEG frame of the right length with a zero payload. <paramref name="versionBits"/>: 3 = MPEG-1, 2 = MPEG-2,
    /// 0 = MPEG-2.5; <paramref name="layer"/>: 1-3; <paramref name="mode"/>: 3 = mono.
    /// </summary>
    public static byte[] MpegFrame(int versionBits, int layer, int bitrateIndex, int rateIndex, int mode = 3, bool padding = false, int length = -1)
    {
        var header = new byte[]
        {
            0xFF,
            (byte)(0xE0 | (versionBits << 3) | ((4 - layer) << 1) | 1),
            (byte)((bitrateIndex << 4) | (rateIndex << 2) | (padding ? 2 : 0)),
            (byte)(mode << 6),
        };
        var frame = new byte[length >= 0 ? length : MpegLength(versionBits, layer, bitrateIndex, rateIndex, padding)];
        header.CopyTo(frame, 0);
        return frame;
    }

    /// <summary>Frame length from the published tables, written out independently of the parser.</summary>
    public static int MpegLength(int versionBits, int layer, int bitrateIndex, int rateIndex, bool padding)
    {
        int[] v1l3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
        int[] v1l2 = [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384];
        int[] v1l1 = [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448];
        int[] v2l1 = [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256];
        int[] v2l23 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
        int[] rates = versionBits switch { 3 => [44100, 48000, 32000], 2 => [22050, 24000, 16000], _ => [11025, 12000, 8000] };
        var v1 = versionBits == 3;
        var kbps = (v1, layer) switch
        {
            (true, 1) => v1l1, (true, 2) => v1l2, (true, _) => v1l3, (false, 1) => v2l1, _ => v2l23,
        };
        var bitrate = kbps[bitrateIndex] * 1000;
        var rate = rates[rateIndex];
        var pad = padding ? 1 : 0;
        return layer switch
        {
            1 => ((12 * bitrate / rate) + pad) * 4,
            2 => (144 * bitrate / rate) + pad,
            _ => ((v1 ? 144 : 72) * bitrate / rate) + pad,
        };
    }

    /// <summary>A first frame carrying a Xing/Info header (frames and bytes fields) after the side information.</summary>
    public static byte[] XingFrame(byte[] frame, int sideInfo, string tag, uint frames, uint bytes)
    {
        var copy = (byte[])frame.Clone();
        var at = 4 + sideInfo;
        System.Text.Encoding.ASCII.GetBytes(tag).CopyTo(copy, at);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at + 4), 0x3);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at + 8), frames);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at + 12), bytes);
        return copy;
    }

    /// <summary>A first frame carrying a Fraunhofer VBRI header 32 bytes after the frame header.</summary>
    public static byte[] VbriFrame(byte[] frame, uint bytes, uint frames)
    {
        var copy = (byte[])frame.Clone();
        "VBRI"u8.CopyTo(copy.AsSpan(36));
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(40), 1);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(46), bytes);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(50), frames);
        return copy;
    }

    /// <summary>An ID3v2.4 tag with a body of <paramref name="bodySize"/> bytes and, optionally, the 10-byte footer.</summary>
    public static byte[] Id3v2(int bodySize, bool footer = false)
    {
        var tag = new byte[10 + bodySize + (footer ? 10 : 0)];
        "ID3"u8.CopyTo(tag);
        tag[3] = 4;
        tag[5] = (byte)(footer ? 0x10 : 0);
        tag[6] = (byte)((bodySize >> 21) & 0x7F);
        tag[7] = (byte)((bodySize >> 14) & 0x7F);
        tag[8] = (byte)((bodySize >> 7) & 0x7F);
        tag[9] = (byte)(bodySize & 0x7F);
        if (footer)
        {
            tag.AsSpan(0, 10).CopyTo(tag.AsSpan(10 + bodySize));
            "3DI"u8.CopyTo(tag.AsSpan(10 + bodySize));
        }

        return tag;
    }

    public static byte[] Id3v1() => [.. "TAG"u8, .. new byte[125]];

    /// <summary>An APEv2 tag: 32-byte header, <paramref name="items"/> bytes of items, 32-byte footer.</summary>
    public static byte[] ApeTag(int items)
    {
        var tag = new byte[32 + items + 32];
        foreach (var at in new[] { 0, 32 + items })
        {
            "APETAGEX"u8.CopyTo(tag.AsSpan(at));
            BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(at + 8), 2000);
            BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(at + 12), (uint)(items + 32));
            BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(at + 20), 0x80000000u | (at == 0 ? 0x20000000u : 0));
        }

        return tag;
    }

    /// <summary>An ADTS frame (no CRC) of <paramref name="length"/> bytes: profile 1 = LC, sampling index 8 = 16 kHz.</summary>
    public static byte[] AdtsFrame(int length, int profile = 1, int samplingIndex = 8, int channels = 1, int rawBlocks = 1)
    {
        var frame = new byte[length];
        frame[0] = 0xFF;
        frame[1] = 0xF1;
        frame[2] = (byte)((profile << 6) | (samplingIndex << 2) | (channels >> 2));
        frame[3] = (byte)(((channels & 3) << 6) | ((length >> 11) & 0x3));
        frame[4] = (byte)((length >> 3) & 0xFF);
        frame[5] = (byte)(((length & 0x7) << 5) | 0x1F);
        frame[6] = (byte)(0xFC | (rawBlocks - 1));
        return frame;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Repeat(byte[] frame, int count) => Enumerable.Repeat(frame, count).SelectMany(f => f).ToArray();
}
