using System.Buffers.Binary;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// AIFF and AIFF-C (what Mac recording and editing tools export, and voice talent often deliver): big-endian chunks in
/// a FORM container. COMM gives the channels, sample frames, sample size and the rate (an 80-bit IEEE extended float);
/// in AIFF-C also the compression type ('NONE', 'sowt' little-endian, 'in24'/'in32', 'raw ' unsigned 8-bit, 'fl32'/'fl64',
/// 'ulaw'/'alaw'). SSND holds the
/// samples after its offset field. No prompt may be AIFF, but its PCM is read in-process, so fix converts it.
/// </summary>
internal static class AiffProbe
{
    private const int MaxChunks = 1024;
    private const int CommonChunkBytes = 18;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report, bool compressed)
    {
        string kind = compressed ? "an AIFF-C file" : "an AIFF file";
        byte[]? common = null;
        long? soundData = null;
        long soundDeclared = 0;
        long position = 12;
        Span<byte> header = stackalloc byte[8];
        for (int chunk = 0; chunk < MaxChunks && position + 8 <= source.Length && source.TryReadExactly(position, header); chunk++)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            var id = header[..4];
            if (id.SequenceEqual("COMM"u8))
            {
                common = source.ReadBlock(position + 8, (int)Math.Min(size, 64));
            }
            else if (id.SequenceEqual("SSND"u8))
            {
                // offset (4) and block size (4), then the samples from 'offset' on.
                var fields = source.ReadBlock(position + 8, 8);
                long offset = fields.Length == 8 ? BinaryPrimitives.ReadUInt32BigEndian(fields) : 0;
                soundData = position + 16 + offset;
                soundDeclared = Math.Max(0, size - 8 - offset);
            }

            if (common is not null && soundData is not null)
            {
                break;
            }

            position += 8 + size + (size & 1);
        }

        var result = new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Container = AudioContainer.Aiff };
        if (common is null || common.Length < CommonChunkBytes)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, kind, "it has no complete 'COMM' chunk");
            return result with { CodecDescription = kind, Diagnostics = report.Diagnostics };
        }

        int channels = BinaryPrimitives.ReadInt16BigEndian(common);
        long frames = BinaryPrimitives.ReadUInt32BigEndian(common.AsSpan(2));
        int bits = BinaryPrimitives.ReadInt16BigEndian(common.AsSpan(6));
        double rate = Extended(common.AsSpan(8, 10));
        string compression = compressed && common.Length >= 22 ? System.Text.Encoding.ASCII.GetString(common, 18, 4) : "NONE";
        var (codec, description) = Codec(compression, bits);
        result = result with
        {
            Codec = codec,
            CodecDescription = $"{kind} ({description})",
            Channels = channels,
            SampleRate = rate is >= 1 and <= int.MaxValue ? (int)Math.Round(rate) : null,
            BitsPerSample = bits,
            BigEndian = codec.EndsWith("be", StringComparison.Ordinal), // AIFF is big-endian but for AIFF-C's 'sowt'
        };
        if (channels <= 0 || result.SampleRate is null)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, kind, $"its 'COMM' chunk declares {channels} channels at {rate} Hz");
            return result with { Diagnostics = report.Diagnostics };
        }

        if (soundData is not { } dataOffset)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
            return result with { Diagnostics = report.Diagnostics };
        }

        long available = Math.Max(0, source.Length - dataOffset);
        if (soundDeclared > available)
        {
            report.Add(DiagnosticCatalog.AudioTruncated, $"its 'SSND' chunk declares {soundDeclared:N0} bytes of audio but only {available:N0} follow it");
        }
        else if (soundDeclared == 0 || frames == 0)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
        }

        return result with
        {
            AudioDataOffset = dataOffset,
            AudioDataBytes = Math.Min(soundDeclared, available),
            DurationSeconds = (double)frames * FramesPerCount(compression) / result.SampleRate.Value,
            Diagnostics = report.Diagnostics,
        };
    }

    /// <summary>The codec names ffprobe gives AIFF's sample formats (and ours for G.711).</summary>
    private static (string Codec, string Description) Codec(string compression, int bits) => compression switch
    {
        "NONE" or "twos" when bits <= 8 => ("pcm_s8", "8-bit signed PCM"),
        "NONE" or "twos" when bits <= 16 => ("pcm_s16be", "16-bit big-endian PCM"),
        "NONE" or "twos" when bits <= 24 => ("pcm_s24be", "24-bit big-endian PCM"),
        "NONE" or "twos" => ("pcm_s32be", "32-bit big-endian PCM"),
        "sowt" => ("pcm_s16le", "16-bit little-endian PCM"),
        "in24" => ("pcm_s24be", "24-bit big-endian PCM"),
        "in32" => ("pcm_s32be", "32-bit big-endian PCM"),
        "raw " => ("pcm_u8", "8-bit unsigned PCM"),
        "fl32" or "FL32" => ("pcm_f32be", "32-bit float"),
        "fl64" or "FL64" => ("pcm_f64be", "64-bit float"),
        "ulaw" or "ULAW" => ("mulaw", "mu-law (G.711)"),
        "alaw" or "ALAW" => ("alaw", "A-law (G.711)"),
        "ima4" => ("adpcm_ima_qt", "IMA ADPCM"),
        "MAC3" => ("mace3", "MACE 3:1"),
        "MAC6" => ("mace6", "MACE 6:1"),
        "GSM " => ("gsm", "GSM 06.10"),
        _ => ($"unknown({compression.Trim()})", $"'{compression.Trim()}' compression"),
    };

    /// <summary>
    /// How many sample frames one of COMM's "sample frames" holds: for the packet codecs Apple's tools write, COMM
    /// counts packets (64 frames of IMA ADPCM, 6 of MACE, 160 of GSM), as ffmpeg's reader also takes them.
    /// </summary>
    private static int FramesPerCount(string compression) => compression switch
    {
        "ima4" => 64,
        "MAC3" or "MAC6" => 6,
        "GSM " => 160,
        _ => 1,
    };

    /// <summary>An 80-bit IEEE 754 extended-precision number (sign and 15-bit exponent, 64-bit mantissa with its integer bit).</summary>
    private static double Extended(ReadOnlySpan<byte> bytes)
    {
        int exponent = ((bytes[0] & 0x7F) << 8) | bytes[1];
        ulong mantissa = BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
        if (exponent == 0 && mantissa == 0)
        {
            return 0;
        }

        double value = mantissa * Math.Pow(2, exponent - 16383 - 63);
        return (bytes[0] & 0x80) != 0 ? -value : value;
    }
}
