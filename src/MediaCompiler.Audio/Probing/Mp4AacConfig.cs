using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// What an MP4 'mp4a' sample entry's 'esds' says about its AAC stream (ISO/IEC 14496-1 7.2.6 and 14496-3 1.6.2.1):
/// the channel count from the AudioSpecificConfig's channel configuration (the entry's own channelcount field is often
/// a placeholder), and the average bitrate the DecoderConfigDescriptor declares (0, "not known", reads as null).
/// </summary>
internal sealed record Mp4AacConfig(int? Channels, long? AverageBitrate, int ObjectType)
{
    /// <summary>
    /// The DecoderConfigDescriptor's objectTypeIndication for MPEG-1 audio (0x6B) and MPEG-2's lower rates (0x69):
    /// MP3 (or Layer II) frames in an 'mp4a' entry, with no AudioSpecificConfig (ISO/IEC 14496-1 table 5).
    /// </summary>
    public bool IsMpegAudio => ObjectType is 0x69 or 0x6B;

    private const int EsDescriptorTag = 0x03;
    private const int DecoderConfigTag = 0x04;
    private const int DecoderSpecificInfoTag = 0x05;

    /// <summary>Reads the 'esds' of stsd's first sample entry (its children walked as the probe walks boxes); null without one.</summary>
    public static Mp4AacConfig? Read(ByteSource source, Mp4Probe.Box stsd)
    {
        var esds = Mp4SampleEntry.ConfigBox(source, stsd, "mp4a", "esds");
        var bytes = esds is { } found ? source.ReadBlock(found.Start, (int)Math.Min(found.End - found.Start, MaxEsdsBytes)) : [];
        return bytes.Length > 4 ? ReadDescriptors(bytes.AsSpan(4)) : null; // after the full box's version and flags
    }

    /// <summary>An esds is a few dozen bytes; more is never read.</summary>
    private const int MaxEsdsBytes = 1024;

    private static Mp4AacConfig? ReadDescriptors(ReadOnlySpan<byte> esds)
    {
        if (!TryDescriptor(esds, out int tag, out var es) || tag != EsDescriptorTag || es.Length < 3)
        {
            return null;
        }

        int flags = es[2];
        int at = 3 + ((flags & 0x80) != 0 ? 2 : 0) + ((flags & 0x20) != 0 ? 2 : 0);
        if ((flags & 0x40) != 0)
        {
            at += at < es.Length ? 1 + es[at] : es.Length;
        }

        if (at >= es.Length || !TryDescriptor(es[at..], out tag, out var config) || tag != DecoderConfigTag || config.Length < 13)
        {
            return null;
        }

        uint average = BinaryPrimitives.ReadUInt32BigEndian(config[9..]);
        int? channels = null;
        if (TryDescriptor(config[13..], out tag, out var asc) && tag == DecoderSpecificInfoTag)
        {
            channels = ChannelsOf(asc);
        }

        return new Mp4AacConfig(channels, average > 0 ? average : null, config[0]);
    }

    /// <summary>The channel configuration after the object type (5 bits, or 11 when escaped) and rate index (4, or 28).</summary>
    private static int? ChannelsOf(ReadOnlySpan<byte> asc)
    {
        if (asc.Length < 2)
        {
            return null;
        }

        int bit = 0;
        int objectType = Bits(asc, ref bit, 5);
        if (objectType == 31)
        {
            bit += 6;
        }

        int rateIndex = Bits(asc, ref bit, 4);
        if (rateIndex == 15)
        {
            bit += 24;
        }

        int configuration = Bits(asc, ref bit, 4);
        return configuration switch
        {
            >= 1 and <= 6 => configuration,
            7 => 8,
            _ => null, // 0: a program config element names the channels; others are reserved
        };
    }

    private static int Bits(ReadOnlySpan<byte> bytes, ref int bit, int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++, bit++)
        {
            int index = bit >> 3;
            value = (value << 1) | (index < bytes.Length ? (bytes[index] >> (7 - (bit & 7))) & 1 : 0);
        }

        return value;
    }

    /// <summary>A descriptor's tag and payload: the size is 1-4 bytes of 7 bits, each but the last with its top bit set.</summary>
    private static bool TryDescriptor(ReadOnlySpan<byte> bytes, out int tag, out ReadOnlySpan<byte> payload)
    {
        tag = 0;
        payload = default;
        if (bytes.Length < 2)
        {
            return false;
        }

        tag = bytes[0];
        int size = 0;
        int at = 1;
        for (int i = 0; i < 4 && at < bytes.Length; i++)
        {
            byte b = bytes[at++];
            size = (size << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        payload = bytes[at..Math.Min(bytes.Length, at + size)];
        return true;
    }
}
