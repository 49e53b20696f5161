using System.Buffers.Binary;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Apple's Core Audio Format (what macOS's afrecord and afconvert write by default): a 'caff' header, then chunks with
/// 64-bit big-endian sizes. 'desc' gives the rate (a 64-bit float), the format ('lpcm' with its float and
/// little-endian flags, 'ulaw', 'alaw', or a compressed one), the channels and the bits; 'data' holds an edit count
/// and then the samples, and may declare the size −1 ("to the end of the file", as a recorder writes it). No prompt may
/// be CAF, but its PCM, G.711 and Apple Lossless are read in-process, so fix converts it. A compressed file's duration
/// comes from its packet table ('pakt').
/// </summary>
internal static class CafProbe
{
    private const int MaxChunks = 1024;
    private const int DescriptionBytes = 32;
    private const int PacketTableHeaderBytes = 24;
    private static readonly int[] AlacBitDepths = [16, 20, 24, 32];
    // A magic cookie is a few dozen bytes ('frma' and 'alac' atoms around a 24-byte config); more is never read.
    private const int MaxCookieBytes = 64;
    private const int AlacConfigBytes = 24;
    private const uint FloatFlag = 1;
    private const uint LittleEndianFlag = 2;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        byte[]? description = null;
        byte[]? packetTable = null;
        byte[]? cookie = null;
        long? dataOffset = null;
        long dataDeclared = 0;
        bool toTheEnd = false;
        long position = 8;
        Span<byte> header = stackalloc byte[12];
        for (int chunk = 0; chunk < MaxChunks && position + 12 <= source.Length && source.TryReadExactly(position, header); chunk++)
        {
            long size = BinaryPrimitives.ReadInt64BigEndian(header[4..]);
            if (header[..4].SequenceEqual("desc"u8))
            {
                description = source.ReadBlock(position + 12, DescriptionBytes);
            }
            else if (header[..4].SequenceEqual("kuki"u8))
            {
                cookie = source.ReadBlock(position + 12, (int)Math.Clamp(size, 0, MaxCookieBytes));
            }
            else if (header[..4].SequenceEqual("pakt"u8))
            {
                packetTable = source.ReadBlock(position + 12, PacketTableHeaderBytes);
            }
            else if (header[..4].SequenceEqual("data"u8))
            {
                dataOffset = position + 12 + 4; // after the edit count
                toTheEnd = size == -1;
                dataDeclared = toTheEnd ? source.Length - dataOffset.Value : Math.Max(0, size - 4);
            }

            // A packet table may follow the data (ffmpeg writes it last): only chunk headers are read on the way.
            if ((description is not null && dataOffset is not null && (packetTable is not null || IsConstantRate(description))) || size < 0)
            {
                break;
            }

            position += 12 + size;
        }

        var result = new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Container = AudioContainer.Caf };
        if (description is null || description.Length < DescriptionBytes)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a CAF file", "it has no complete 'desc' chunk");
            return result with { CodecDescription = "a CAF file", Diagnostics = report.Diagnostics };
        }

        double rate = BinaryPrimitives.ReadDoubleBigEndian(description);
        string format = System.Text.Encoding.ASCII.GetString(description, 8, 4);
        uint flags = BinaryPrimitives.ReadUInt32BigEndian(description.AsSpan(12));
        long bytesPerPacket = BinaryPrimitives.ReadUInt32BigEndian(description.AsSpan(16));
        long framesPerPacket = BinaryPrimitives.ReadUInt32BigEndian(description.AsSpan(20));
        int channels = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(description.AsSpan(24)));
        int bits = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(description.AsSpan(28)));
        var (codec, text) = Codec(format, flags, bits);
        result = result with
        {
            Codec = codec,
            CodecDescription = $"a CAF file ({text})",
            SampleRate = rate is >= 1 and <= int.MaxValue ? (int)Math.Round(rate) : null,
            Channels = channels,
            BitsPerSample = bits > 0 ? bits : format == "alac" ? AlacBitDepth(flags, cookie) : null,
            BigEndian = codec.EndsWith("be", StringComparison.Ordinal),
        };
        if (channels <= 0 || result.SampleRate is null)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a CAF file", $"its 'desc' chunk declares {channels} channels at {rate} Hz");
            return result with { Diagnostics = report.Diagnostics };
        }

        if (dataOffset is not { } offset)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
            return result with { Diagnostics = report.Diagnostics };
        }

        long available = Math.Max(0, source.Length - offset);
        if (dataDeclared > available)
        {
            report.Add(DiagnosticCatalog.AudioTruncated, $"its 'data' chunk declares {dataDeclared:N0} bytes of audio but only {available:N0} follow it");
        }
        else if (dataDeclared == 0)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
        }

        long bytes = Math.Min(dataDeclared, available);
        return result with
        {
            AudioDataOffset = offset,
            AudioDataBytes = bytes,
            DurationSeconds = bytesPerPacket > 0 && framesPerPacket > 0 ? (double)(bytes / bytesPerPacket) * framesPerPacket / result.SampleRate.Value
                : PacketTableFrames(packetTable, framesPerPacket) is { } frames ? (double)frames / result.SampleRate.Value : null,
            Diagnostics = report.Diagnostics,
        };
    }

    /// <summary>
    /// Apple Lossless states its depth in the format flags (kAppleLosslessFormatFlag_16BitSourceData = 1, ... 32 = 4);
    /// writers that leave them 0 (ffmpeg) have it in the magic cookie's ALACSpecificConfig (byte 5).
    /// </summary>
    private static int? AlacBitDepth(uint flags, byte[]? cookie)
    {
        if (flags is >= 1 and <= 4)
        {
            return AlacBitDepths[flags - 1];
        }

        var config = AlacConfigIn(cookie);
        return config.Length >= AlacConfigBytes && config[5] is 16 or 20 or 24 or 32 ? config[5] : null;
    }

    /// <summary>
    /// The ALACSpecificConfig in a CAF magic cookie ('kuki'): bare, or after a 12-byte 'frma' atom and the 'alac' atom's
    /// 12-byte header. The decoder reads it here too.
    /// </summary>
    internal static ReadOnlySpan<byte> AlacConfigIn(ReadOnlySpan<byte> cookie)
    {
        if (cookie.Length >= 12 + AlacConfigBytes && cookie.Slice(4, 4).SequenceEqual("frma"u8))
        {
            cookie = cookie[12..];
        }

        if (cookie.Length >= 12 + AlacConfigBytes && cookie.Slice(4, 4).SequenceEqual("alac"u8))
        {
            cookie = cookie[12..];
        }

        return cookie;
    }

    /// <summary>'desc' with a fixed packet size: its duration follows from the data's size, no packet table needed.</summary>
    private static bool IsConstantRate(byte[] description) =>
        description.Length >= DescriptionBytes && BinaryPrimitives.ReadUInt32BigEndian(description.AsSpan(16)) > 0;

    /// <summary>
    /// The frames a variable-rate file plays, from its 'pakt' header: the valid frames it declares, else its packets'
    /// frames less priming and remainder. Null without a table.
    /// </summary>
    private static long? PacketTableFrames(byte[]? packetTable, long framesPerPacket)
    {
        if (packetTable is not { Length: PacketTableHeaderBytes })
        {
            return null;
        }

        long packets = BinaryPrimitives.ReadInt64BigEndian(packetTable);
        long valid = BinaryPrimitives.ReadInt64BigEndian(packetTable.AsSpan(8));
        long trimmed = (long)BinaryPrimitives.ReadInt32BigEndian(packetTable.AsSpan(16)) + BinaryPrimitives.ReadInt32BigEndian(packetTable.AsSpan(20));
        return valid > 0 ? valid
            : packets > 0 && framesPerPacket > 0 && packets <= long.MaxValue / framesPerPacket ? Math.Max(0, (packets * framesPerPacket) - trimmed)
            : null;
    }

    /// <summary>The codec names ffprobe gives CAF's formats (and ours for G.711).</summary>
    private static (string Codec, string Description) Codec(string format, uint flags, int bits)
    {
        string order = (flags & LittleEndianFlag) != 0 ? "le" : "be";
        return format switch
        {
            "lpcm" when (flags & FloatFlag) != 0 => ($"pcm_f{bits}{order}", $"{bits}-bit float"),
            "lpcm" when bits == 8 => ("pcm_s8", "8-bit signed PCM"),
            "lpcm" => ($"pcm_s{bits}{order}", $"{bits}-bit {(order == "le" ? "little" : "big")}-endian PCM"),
            "ulaw" => ("mulaw", "mu-law (G.711)"),
            "alaw" => ("alaw", "A-law (G.711)"),
            "aac " => ("aac", "AAC"),
            "alac" => ("alac", "Apple Lossless"),
            "ima4" => ("adpcm_ima_qt", "IMA ADPCM"),
            _ => ($"unknown({format.Trim()})", $"'{format.Trim()}' audio"),
        };
    }
}
