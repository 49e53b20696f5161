namespace MediaCompiler.Audio.Probing;

/// <summary>
/// AAC in ADTS framing. There is no summary header, so the average bitrate is measured over a bounded run of frames
/// (frame lengths include their headers, as ffprobe counts them) and the duration extrapolated when the run stops short.
/// </summary>
internal static class AdtsProbe
{
    /// <summary>Frames whose headers are read: 1024 frames are about a minute at 16 kHz.</summary>
    public const int MaxScannedFrames = 1024;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report, long firstFrame, long audioEnd)
    {
        Span<byte> bytes = stackalloc byte[AdtsFrameHeader.Size];
        source.ReadAt(firstFrame, bytes);
        _ = AdtsFrameHeader.TryParse(bytes, out var first); // the caller found a valid header at firstFrame

        long total = 0;
        long samples = 0;
        var position = firstFrame;
        for (var frame = 0; frame < MaxScannedFrames; frame++)
        {
            if (!source.TryReadExactly(position, bytes) || !AdtsFrameHeader.TryParse(bytes, out var header) ||
                !header.SameStreamAs(first) || position + header.FrameLength > audioEnd)
            {
                break;
            }

            total += header.FrameLength;
            samples += header.Samples;
            position += header.FrameLength;
        }

        var audioBytes = audioEnd - firstFrame;
        var bitrate = samples == 0 ? (long?)null : (long)Math.Round(total * 8.0 * first.SampleRate / samples);
        var reachedEnd = audioEnd - position < first.FrameLength;
        double? duration = reachedEnd && samples > 0 ? (double)samples / first.SampleRate
            : bitrate is > 0 ? audioBytes * 8.0 / bitrate.Value : null;
        return new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Adts,
            Codec = "aac",
            CodecDescription = $"{first.Description} (ADTS)",
            SampleRate = first.SampleRate,
            // Configuration 0 means the layout is in a program config element inside the payload: not read here.
            Channels = first.ChannelConfiguration switch { 0 => null, 7 => 8, var n => n },
            Bitrate = bitrate,
            DurationSeconds = duration,
            AudioDataBytes = audioBytes,
            Diagnostics = report.Diagnostics,
        };
    }
}
