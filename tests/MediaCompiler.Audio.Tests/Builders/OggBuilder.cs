using System.Buffers.Binary;

namespace MediaCompiler.Audio.Tests.Builders;

/// <summary>Hand-built Ogg pages and codec identification packets. The CRC is computed bit by bit here, independently of the probe's table.</summary>
public static class OggBuilder
{
    public const byte BeginningOfStream = 0x02;
    public const byte EndOfStream = 0x04;

    public static byte[] Page(byte[] packet, long granule, uint serial = 0x1234, uint sequence = 0, byte headerType = 0, bool corruptCrc = false)
    {
        var lacing = new List<byte>();
        var remaining = packet.Length;
        while (remaining >= 255)
        {
            lacing.Add(255);
            remaining -= 255;
        }

        lacing.Add((byte)remaining);
        var page = new byte[27 + lacing.Count + packet.Length];
        "OggS"u8.CopyTo(page);
        page[5] = headerType;
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), serial);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), sequence);
        page[26] = (byte)lacing.Count;
        lacing.ToArray().CopyTo(page, 27);
        packet.CopyTo(page, 27 + lacing.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), Crc(page) ^ (corruptCrc ? 1u : 0u));
        return page;
    }

    /// <summary>Ogg's CRC-32 (polynomial 0x04C11DB7, MSB first, no reflection, init 0), bit by bit over a page whose CRC field is zero.</summary>
    public static uint Crc(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        for (var i = 0; i < page.Length; i++)
        {
            var b = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }

    public static byte[] VorbisId(int channels, int rate)
    {
        var packet = new byte[30];
        "\u0001vorbis"u8.CopyTo(packet);
        packet[11] = (byte)channels;
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(12), rate);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(20), 48000);
        packet[28] = 0xB8;
        packet[29] = 1;
        return packet;
    }

    public static byte[] OpusHead(int channels, int inputRate, ushort preSkip)
    {
        var packet = new byte[19];
        "OpusHead"u8.CopyTo(packet);
        packet[8] = 1;
        packet[9] = (byte)channels;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(10), preSkip);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(12), inputRate);
        return packet;
    }

    public static byte[] FlacHead(int rate, int channels, int bits)
    {
        var packet = new byte[13 + 4 + 34];
        packet[0] = 0x7F;
        "FLAC"u8.CopyTo(packet.AsSpan(1));
        packet[5] = 1;
        packet[8] = 1;
        "fLaC"u8.CopyTo(packet.AsSpan(9));
        packet[13] = 0x00; // STREAMINFO
        packet[16] = 34;
        var info = packet.AsSpan(17);
        info[10] = (byte)(rate >> 12);
        info[11] = (byte)(rate >> 4);
        info[12] = (byte)(((rate & 0xF) << 4) | ((channels - 1) << 1) | ((bits - 1) >> 4));
        info[13] = (byte)(((bits - 1) & 0xF) << 4);
        return packet;
    }

    public static byte[] SpeexHead(int rate, int channels)
    {
        var packet = new byte[80];
        "Speex   "u8.CopyTo(packet);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(36), rate);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(48), channels);
        return packet;
    }

    public static byte[] TheoraHead() => [0x80, .. "theora"u8, .. new byte[35]];

    public static byte[] SkeletonHead() => [.. "fishead\0"u8, .. new byte[56]];

    /// <summary>A whole stream: BOS page with <paramref name="idPacket"/>, some audio pages, an EOS page at <paramref name="finalGranule"/>.</summary>
    public static byte[] Stream(byte[] idPacket, long finalGranule, uint serial = 0x1234)
    {
        var pages = new List<byte[]> { Page(idPacket, 0, serial, 0, BeginningOfStream) };
        for (uint i = 1; i <= 3; i++)
        {
            pages.Add(Page(new byte[300], finalGranule * i / 4, serial, i));
        }

        pages.Add(Page(new byte[100], finalGranule, serial, 4, EndOfStream));
        return pages.SelectMany(p => p).ToArray();
    }
}
