using System.Buffers.Binary;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Sun/NeXT audio (".au", ".snd"): the classic telephony file of Unix and Java voice systems, mostly 8 kHz mu-law. A
/// 24-byte big-endian header (".snd", data offset, data size or 0xFFFFFFFF for "to the end", encoding, rate, channels),
/// then the samples. No prompt may be AU, but its G.711 and PCM are read in-process, so fix converts it.
/// </summary>
internal static class AuProbe
{
    private const int HeaderBytes = 24;
    private const uint UnknownSize = 0xFFFFFFFF;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        var header = source.ReadBlock(0, HeaderBytes);
        var result = new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Container = AudioContainer.Au, CodecDescription = "a Sun/NeXT AU file" };
        if (header.Length < HeaderBytes)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a Sun/NeXT AU file", $"its header is cut short at {header.Length} bytes");
            return result with { Diagnostics = report.Diagnostics };
        }

        long offset = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        uint encoding = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
        long rate = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
        long channels = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20));
        var (codec, bits, description) = Codec(encoding);
        result = result with
        {
            Codec = codec,
            CodecDescription = $"a Sun/NeXT AU file ({description})",
            SampleRate = rate is > 0 and <= int.MaxValue ? (int)rate : null,
            Channels = channels is > 0 and <= int.MaxValue ? (int)channels : null,
            BitsPerSample = bits,
            BigEndian = true,
        };
        if (result.SampleRate is null || result.Channels is null || offset < HeaderBytes)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a Sun/NeXT AU file",
                $"its header declares {channels} channels at {rate} Hz with the data at byte {offset}");
            return result with { Diagnostics = report.Diagnostics };
        }

        long available = Math.Max(0, source.Length - offset);
        long bytes = declared == UnknownSize ? available : Math.Min(declared, available);
        if (declared != UnknownSize && declared > available)
        {
            report.Add(DiagnosticCatalog.AudioTruncated, $"its header declares {declared:N0} bytes of audio but only {available:N0} follow it");
        }
        else if (bytes == 0)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
        }

        long frameBytes = bits is { } b ? b / 8 * channels : 0;
        return result with
        {
            AudioDataOffset = offset,
            AudioDataBytes = bytes,
            DurationSeconds = frameBytes > 0 ? (double)(bytes / frameBytes) / rate : null,
            Diagnostics = report.Diagnostics,
        };
    }

    /// <summary>The encodings of the AU header, by the names ffprobe gives them (and ours for G.711).</summary>
    private static (string Codec, int? Bits, string Description) Codec(uint encoding) => encoding switch
    {
        1 => ("mulaw", 8, "8-bit mu-law (G.711)"),
        2 => ("pcm_s8", 8, "8-bit signed PCM"),
        3 => ("pcm_s16be", 16, "16-bit big-endian PCM"),
        4 => ("pcm_s24be", 24, "24-bit big-endian PCM"),
        5 => ("pcm_s32be", 32, "32-bit big-endian PCM"),
        6 => ("pcm_f32be", 32, "32-bit float"),
        7 => ("pcm_f64be", 64, "64-bit float"),
        23 or 24 or 25 or 26 => ("g726", null, "G.721/G.723 ADPCM"),
        27 => ("alaw", 8, "8-bit A-law (G.711)"),
        _ => ($"unknown({encoding})", null, $"encoding {encoding}"),
    };
}
