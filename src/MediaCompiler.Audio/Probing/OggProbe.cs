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

    /// <summary>Header pages walked to find the first audio page: a comment header with cover art spans dozens.</summary>
    private const int MaxHeaderPages = 512;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        var result = new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Ogg,
            AudioDataBytes = source.Length,
        };

        var (page, codec, audioStreams, serials) = FindCodec(source, report);
        if (page is null || codec is null)
        {
            return result with { Diagnostics = report.Diagnostics };
        }

        if (audioStreams > 1)
        {
            // Multiplexed: which stream a decoder plays is its own choice (ours and the probe's could differ).
            report.Add(DiagnosticCatalog.OggStreamsSeveral, $"{audioStreams} audio streams side by side (multiplexed)", FixedName(report.FileName));
        }

        result = result with
        {
            Codec = codec.Codec,
            CodecDescription = codec.Description,
            SampleRate = codec.SampleRate,
            DecodedSampleRate = codec.GranuleRate > 0 && codec.GranuleRate != codec.SampleRate ? codec.GranuleRate : null,
            Channels = codec.Channels,
            BitsPerSample = codec.BitsPerSample,
        };

        var (last, lastSerial) = LastPage(source, page.SerialNumber, report);
        if (audioStreams == 1 && lastSerial is { } tailSerial && !serials.Contains(tailSerial))
        {
            // Chained (files joined end to end): the file ends in a stream that began after the first one ended.
            report.Add(DiagnosticCatalog.OggStreamsSeveral, "streams one after another (a chained Ogg file, e.g. files joined with cat)", FixedName(report.FileName));
        }

        if (last is { GranulePosition: > 0 } && codec.GranuleRate > 0)
        {
            var samples = last.GranulePosition - codec.PreSkip;
            if (samples > 0)
            {
                // The bitrate counts audio pages only: the identification, comment (cover art can be hundreds of KB) and
                // setup headers are not audio and would inflate a short prompt's bitrate several times over.
                var duration = (double)samples / codec.GranuleRate;
                var audioBytes = source.Length - FirstAudioPage(source, page.SerialNumber);
                result = result with { DurationSeconds = duration, AudioDataBytes = audioBytes, Bitrate = (long)Math.Round(audioBytes * 8 / duration) };
            }
        }

        return result with { Diagnostics = report.Diagnostics };
    }

    /// <summary>
    /// The offset of the first page of stream <paramref name="serial"/> that ends an audio packet: header pages carry
    /// granule position 0 (or -1 while a header packet continues onto the next page), audio pages a positive one.
    /// Reads only page headers; 0 when no such page is found within the bound (then the whole file counts).
    /// </summary>
    private static long FirstAudioPage(ByteSource source, uint serial)
    {
        Span<byte> head = stackalloc byte[OggPage.HeaderSize + 255];
        long offset = 0;
        for (var pageIndex = 0; pageIndex < MaxHeaderPages; pageIndex++)
        {
            var read = source.ReadAt(offset, head);
            if (!OggPage.LooksLikeHeader(head[..read]) || OggPage.DeclaredSize(head[..read]) is not { } size)
            {
                return 0;
            }

            var granule = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(head[6..]);
            var pageSerial = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head[14..]);
            if (pageSerial == serial && granule > 0)
            {
                return offset;
            }

            offset += size;
        }

        return 0;
    }

    /// <summary>The output name of the proposed command, escaped for its double quotes as the input's is.</summary>
    private static string FixedName(string fileName) => ShellText.InDoubleQuotes(Path.GetFileNameWithoutExtension(fileName) + "-fixed.wav");

    /// <summary>
    /// Walks the leading beginning-of-stream pages to the first audio stream (or the first stream at all), counting the
    /// audio streams and collecting every stream's serial number.
    /// </summary>
    private static (OggPage? Page, OggCodecHeader? Codec, int AudioStreams, HashSet<uint> Serials) FindCodec(ByteSource source, ProbeReport report)
    {
        long offset = 0;
        (OggPage Page, OggCodecHeader Codec)? fallback = null;
        (OggPage Page, OggCodecHeader Codec)? audio = null;
        var audioStreams = 0;
        var serials = new HashSet<uint>();
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

            serials.Add(page.SerialNumber);
            if (codec.IsAudio)
            {
                audioStreams++;
                audio ??= (page, codec);
            }

            fallback ??= (page, codec);
            offset += page.Bytes.Length;
        }

        return (audio ?? fallback) is { } found ? (found.Page, found.Codec, audioStreams, serials) : (null, null, audioStreams, serials);
    }

    /// <summary>
    /// The last complete page of stream <paramref name="serial"/> within the file's last <see cref="OggPage.MaxPageSize"/>
    /// bytes (a page can be no longer), and the serial number of the file's last complete page of any stream. A page cut
    /// off by the end of the file is reported as truncation.
    /// </summary>
    private static (OggPage? Page, uint? LastSerial) LastPage(ByteSource source, uint serial, ProbeReport report)
    {
        uint? lastSerial = null;
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

            if (!page.CrcMatches)
            {
                continue;
            }

            lastSerial ??= page.SerialNumber;
            if (page.SerialNumber == serial)
            {
                return (page, lastSerial);
            }
        }

        return (null, lastSerial);
    }
}
