using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Ogg: checks the first pages (capture pattern, CRC), identifies the codec from the first packet of each logical
/// stream that begins there (skipping Skeleton and video streams), and takes the duration from the granule position
/// of the last page of that stream, found in a bounded read of the file's tail.
/// </summary>
internal static class OggProbe
{
    /// <summary>Beginning-of-stream pages of a multiplexed file that are examined for an audio stream.</summary>
    private const int MaxStreamsExamined = 8;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        var result = new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Ogg,
            AudioDataBytes = source.Length,
        };

        var (page, codec) = FindCodec(source, report);
        if (page is null || codec is null)
        {
            return result with { Diagnostics = report.Diagnostics };
        }

        result = result with
        {
            Codec = codec.Codec,
            CodecDescription = codec.Description,
            SampleRate = codec.SampleRate,
            Channels = codec.Channels,
            BitsPerSample = codec.BitsPerSample,
        };

        var last = LastPage(source, page.SerialNumber, report);
        if (last is { GranulePosition: > 0 } && codec.GranuleRate > 0)
        {
            var samples = last.GranulePosition - codec.PreSkip;
            if (samples > 0)
            {
                var duration = (double)samples / codec.GranuleRate;
                result = result with { DurationSeconds = duration, Bitrate = (long)Math.Round(source.Length * 8 / duration) };
            }
        }

        return result with { Diagnostics = report.Diagnostics };
    }

    /// <summary>Walks the leading beginning-of-stream pages to the first audio stream (or the first stream at all).</summary>
    private static (OggPage? Page, OggCodecHeader? Codec) FindCodec(ByteSource source, ProbeReport report)
    {
        long offset = 0;
        (OggPage Page, OggCodecHeader Codec)? fallback = null;
        for (var stream = 0; stream < MaxStreamsExamined; stream++)
        {
            var page = OggPage.Read(source, offset, out var cut);
            if (page is null)
            {
                // Past the first page, a cut page is the file's last one: LastPage reports it.
                if (stream == 0)
                {
                    if (cut)
                    {
                        report.Add(DiagnosticCatalog.AudioTruncated, "the file ends inside its first Ogg page");
                    }
                    else
                    {
                        report.Add(DiagnosticCatalog.OggPageCorrupt, offset, "the page header is invalid");
                    }
                }

                break;
            }

            if (stream == 0 && !page.IsBeginningOfStream)
            {
                report.Add(DiagnosticCatalog.OggPageCorrupt, offset, "the first page does not begin a stream");
                break;
            }

            if (!page.IsBeginningOfStream)
            {
                break; // Past the header pages of every stream.
            }

            if (!page.CrcMatches)
            {
                report.Add(DiagnosticCatalog.OggPageCorrupt, offset, "its CRC-32 does not match its content");
                break;
            }

            var codec = OggCodecHeader.Identify(page.FirstPacket(), out var problem);
            if (codec is null)
            {
                report.Add(DiagnosticCatalog.AudioHeaderInvalid, "an Ogg file", problem);
                break;
            }

            if (codec.IsAudio)
            {
                return (page, codec);
            }

            fallback ??= (page, codec);
            offset += page.Bytes.Length;
        }

        return fallback is { } f ? (f.Page, f.Codec) : (null, null);
    }

    /// <summary>
    /// The last complete page of stream <paramref name="serial"/> within the file's last <see cref="OggPage.MaxPageSize"/>
    /// bytes (a page can be no longer). A page cut off by the end of the file is reported as truncation.
    /// </summary>
    private static OggPage? LastPage(ByteSource source, uint serial, ProbeReport report)
    {
        var tailStart = Math.Max(0, source.Length - OggPage.MaxPageSize);
        var tail = source.ReadBlock(tailStart, OggPage.MaxPageSize);
        var reportedCut = false;
        for (var i = tail.Length - OggPage.HeaderSize; i >= 0; i--)
        {
            if (tail[i] != (byte)'O' || !OggPage.LooksLikeHeader(tail.AsSpan(i)))
            {
                continue;
            }

            var page = OggPage.FromBuffer(tail, i);
            if (page is null)
            {
                if (!reportedCut && OggPage.DeclaredSize(tail.AsSpan(i)) is { } size && i + size > tail.Length && tailStart + tail.Length == source.Length)
                {
                    report.Add(DiagnosticCatalog.AudioTruncated, $"the file ends inside its last Ogg page (at byte {tailStart + i:N0}, {size:N0} bytes declared)");
                    reportedCut = true;
                }

                continue;
            }

            if (page.SerialNumber == serial && page.CrcMatches)
            {
                return page;
            }
        }

        return null;
    }
}
