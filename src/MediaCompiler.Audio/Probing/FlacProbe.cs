using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>Native FLAC: "fLaC" then the STREAMINFO metadata block, which holds everything the probe reports.</summary>
internal static class FlacProbe
{
    private const int BlockHeaderSize = 4;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report, long start)
    {
        var result = new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Flac,
            Codec = "flac",
            CodecDescription = "FLAC",
        };

        Span<byte> block = stackalloc byte[BlockHeaderSize + FlacStreamInfo.Size];
        var held = source.Length - start;
        if (held < 4 + block.Length)
        {
            // "fLaC" and less than the STREAMINFO every stream starts with: a file cut short, not a damaged header.
            report.Add(DiagnosticCatalog.AudioTruncated, $"the file ends inside its STREAMINFO block ({held:N0} of the {4 + block.Length} bytes every FLAC stream starts with)");
            return result with { Diagnostics = report.Diagnostics };
        }

        // The first metadata block must be STREAMINFO (type 0, 34 bytes).
        if (!source.TryReadExactly(start + 4, block) || (block[0] & 0x7F) != 0 || FlacStreamInfo.Parse(block[BlockHeaderSize..]) is not { } info)
        {
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a FLAC file", "its STREAMINFO block is missing or cut short");
            return result with { Diagnostics = report.Diagnostics };
        }

        double? duration = info.TotalSamples > 0 ? (double)info.TotalSamples / info.SampleRate : null;
        return result with
        {
            SampleRate = info.SampleRate,
            Channels = info.Channels,
            BitsPerSample = info.BitsPerSample,
            DurationSeconds = duration,
            Bitrate = duration is > 0 ? (long)Math.Round(source.Length * 8 / duration.Value) : null,
            AudioDataBytes = source.Length - start,
            Diagnostics = report.Diagnostics,
        };
    }
}
