using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// MPEG audio (Layer III, and Layers I/II named as such). Duration and average bitrate come from a Xing/Info/VBRI
/// header when the first frame carries one; otherwise from a bounded scan of frame headers, extrapolated over the
/// audio's byte count when the file is longer than the scan.
/// </summary>
internal static class Mp3Probe
{
    /// <summary>Frames whose headers are read when there is no VBR header; about 15-30 s of audio.</summary>
    public const int MaxScannedFrames = 1024;

    /// <summary>
    /// The largest frame a bitrate index names (MPEG-1 Layer II at 384 kbps and 32 kHz, padded) is 1,729 bytes; this
    /// block is read for the first frame's VBR header, which sits near its start in a free-format frame too.
    /// </summary>
    private const int MaxFrameBytes = 2048;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report, long firstFrame, long audioEnd)
    {
        var frameBytes = source.ReadBlock(firstFrame, MaxFrameBytes);
        // A free-format stream's frame length is the distance between its headers, found once for the stream.
        var freeFormatBytes = MpegFrameHeader.IsFreeFormatHeader(frameBytes)
            ? MpegFreeFormat.FindFrameBytes(source.ReadBlock(firstFrame, (int)Math.Min(MpegFreeFormat.SearchBytes, audioEnd - firstFrame)))
            : 0;
        _ = MpegFrameHeader.TryParse(frameBytes, out var first, freeFormatBytes); // the caller found a valid header at firstFrame
        var vbr = MpegVbrHeader.TryRead(frameBytes, first);
        var audioBytes = audioEnd - firstFrame;
        var result = new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Mp3,
            Codec = first.Codec,
            CodecDescription = first.Description,
            SampleRate = first.SampleRate,
            Channels = first.Channels,
            AudioDataBytes = audioBytes,
        };

        if (vbr is { Frames: > 0 } header)
        {
            var duration = (double)header.Frames.Value * first.SamplesPerFrame / first.SampleRate;
            var streamBytes = header.Bytes is > 0 ? header.Bytes.Value : audioBytes;
            if (header.Bytes is { } declared && declared > source.Length)
            {
                report.Add(DiagnosticCatalog.AudioTruncated,
                    $"its {header.Kind} header declares {declared:N0} bytes of frames but the file holds only {source.Length:N0} bytes");
            }

            // A CBR stream's bitrate is its frames' (the Info frame itself would skew a byte-count average).
            var bitrate = header.IsConstantBitrate ? NextFrameBitrate(source, firstFrame + first.FrameLength, freeFormatBytes) ?? first.BitrateBps
                : (long)Math.Round(streamBytes * 8 / duration);
            return result with { DurationSeconds = duration, Bitrate = bitrate, Diagnostics = report.Diagnostics };
        }

        // No summary header: the first frame is audio too (or an empty VBR tag frame we cannot use), so scan.
        var scan = Scan(source, firstFrame, audioEnd, first);
        // A CBR stream's bitrate is its frames' nominal one: padding slots make a byte-count average drift below it
        // (64 kbps at 44.1 kHz averages 63,998 b/s), and the rule is about the rate the encoder was set to.
        var average = scan.Samples == 0 ? first.BitrateBps
            : scan.ConstantBitrate ? first.BitrateBps
            : (long)Math.Round(scan.Bytes * 8.0 * first.SampleRate / scan.Samples);
        var seconds = scan.ReachedEnd ? (double)scan.Samples / first.SampleRate : audioBytes * 8.0 / average;
        return result with { DurationSeconds = seconds, Bitrate = average, Diagnostics = report.Diagnostics };
    }

    private static long? NextFrameBitrate(ByteSource source, long offset, int freeFormatBytes)
    {
        Span<byte> bytes = stackalloc byte[MpegFrameHeader.Size];
        return source.TryReadExactly(offset, bytes) && MpegFrameHeader.TryParse(bytes, out var header, freeFormatBytes) ? header.BitrateBps : null;
    }

    private static (long Bytes, long Samples, bool ReachedEnd, bool ConstantBitrate) Scan(ByteSource source, long offset, long audioEnd, MpegFrameHeader first)
    {
        Span<byte> bytes = stackalloc byte[MpegFrameHeader.Size];
        long total = 0;
        long samples = 0;
        var constant = true;
        var position = offset;
        for (var frame = 0; frame < MaxScannedFrames; frame++)
        {
            if (!source.TryReadExactly(position, bytes) || !MpegFrameHeader.TryParse(bytes, out var header, first.FreeFormatBytes) || !header.SameStreamAs(first) ||
                position + header.FrameLength > audioEnd)
            {
                break;
            }

            constant &= header.BitrateBps == first.BitrateBps;
            total += header.FrameLength;
            samples += header.SamplesPerFrame;
            position += header.FrameLength;
        }

        // Within one frame of the end counts as the end: a last frame may be cut or followed by a stray byte.
        return (total, samples, audioEnd - position < first.FrameLength, constant);
    }
}
