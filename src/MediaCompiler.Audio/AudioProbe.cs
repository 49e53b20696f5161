using System.Globalization;
using MediaCompiler.Audio.Files;
using MediaCompiler.Audio.Probing;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio;

/// <summary>
/// Reads what an audio file really is from its headers. Bounded reads only: a 2 GB file costs about the same as a
/// 2 KB one. Never throws for any content: unreadable, empty, truncated or random bytes come back as diagnostics.
/// </summary>
public static class AudioProbe
{
    /// <summary>
    /// Probes the file at <paramref name="path"/>. Only regular files (or links to them) are opened: a FIFO, a device,
    /// a socket or a folder is refused from its <c>stat</c> alone, since opening a FIFO blocks and /dev/zero never ends.
    /// </summary>
    public static AudioProbeResult Probe(string path)
    {
        var entry = FileSystemEntries.Inspect(path);
        if (entry.Kind == FileSystemEntryKind.Missing)
        {
            return Unreadable(path, "no such file");
        }

        if (!entry.IsRegularFile)
        {
            return Failed(path, DiagnosticCatalog.NotARegularFile, entry.Description);
        }

        try
        {
            // A small buffer: the probe reads a few headers at scattered offsets, never the payload.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
            return Probe(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Unreadable(path, ex.Message);
        }
    }

    /// <summary>Probes a seekable stream; <paramref name="displayName"/> is used in messages and for the extension.</summary>
    public static AudioProbeResult Probe(Stream content, string displayName)
    {
        try
        {
            if (!content.CanSeek || !content.CanRead)
            {
                return Unreadable(displayName, "the stream is not readable and seekable");
            }

            return ProbeContent(new ByteSource(content), new ProbeReport(displayName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            return Unreadable(displayName, ex.Message);
        }
        catch (Exception ex)
        {
            // A parser bug must still not fail the caller's build with a stack trace; the code marks it as ours.
            return Failed(displayName, DiagnosticCatalog.AudioProbeFailed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The highest sample rate any real audio format uses (DXD, DSD-over-PCM): above it, a header is damaged.</summary>
    public const int MaxPlausibleSampleRate = 384_000;

    /// <summary>More channels than 7.1 surround is no voice prompt; decoding would allocate per channel for nothing.</summary>
    public const int MaxPlausibleChannels = 8;

    private static AudioProbeResult ProbeContent(ByteSource source, ProbeReport report) => Plausible(ProbeHeaders(source, report));

    /// <summary>
    /// Header values outside what a real file can hold are an error here, before anyone decodes: decode work is then
    /// never sized by a damaged header (a 24 KB WAV claiming 536,870,912 Hz, a WAV declaring 65,535 channels).
    /// </summary>
    private static AudioProbeResult Plausible(AudioProbeResult probe)
    {
        var claims = new List<(string Claim, string Limit)>();
        if (probe.SampleRate is int rate && (rate > MaxPlausibleSampleRate || rate <= 0))
        {
            claims.Add((string.Create(CultureInfo.InvariantCulture, $"a sample rate of {rate:N0} Hz"),
                string.Create(CultureInfo.InvariantCulture, $"{MaxPlausibleSampleRate:N0} Hz")));
        }
        if (probe.Channels is int channels && (channels > MaxPlausibleChannels || channels <= 0))
        {
            claims.Add((string.Create(CultureInfo.InvariantCulture, $"{channels:N0} channels"),
                string.Create(CultureInfo.InvariantCulture, $"{MaxPlausibleChannels} channels")));
        }
        if (claims.Count == 0)
        {
            return probe;
        }
        var diagnostic = Diagnostic.Create(DiagnosticCatalog.AudioHeaderImplausible, probe.Path, probe.Path,
            string.Join(" and ", claims.Select(c => c.Claim)), string.Join(" and ", claims.Select(c => c.Limit)));
        return probe with { Diagnostics = [.. probe.Diagnostics, diagnostic] };
    }

    private static AudioProbeResult ProbeHeaders(ByteSource source, ProbeReport report)
    {
        if (source.Length == 0)
        {
            report.Add(DiagnosticCatalog.AudioEmpty);
            return new AudioProbeResult { Path = report.FileName, Diagnostics = report.Diagnostics };
        }

        Span<byte> head = stackalloc byte[FormatSniffer.HeadSize];
        head = head[..source.ReadAt(0, head)];
        var sniffed = FormatSniffer.Identify(head);
        switch (sniffed.Kind)
        {
            case FormatSniffer.Kind.Wav:
                return WavProbe.Probe(source, report);
            case FormatSniffer.Kind.Ogg:
                return OggProbe.Probe(source, report);
            case FormatSniffer.Kind.Flac:
                return FlacProbe.Probe(source, report, 0);
            case FormatSniffer.Kind.Mp4:
                return Mp4Probe.Probe(source, report, FormatSniffer.Mp4Brand(head));
            case FormatSniffer.Kind.Aiff or FormatSniffer.Kind.Aifc:
                return AiffProbe.Probe(source, report, compressed: sniffed.Kind == FormatSniffer.Kind.Aifc);
            case FormatSniffer.Kind.Au:
                return AuProbe.Probe(source, report);
            case FormatSniffer.Kind.Caf:
                return CafProbe.Probe(source, report);
            case FormatSniffer.Kind.Matroska:
                return MatroskaProbe.Probe(source, report);
            case FormatSniffer.Kind.Adif:
                return Identified(source, report, AudioContainer.Adif, "aac", "AAC in an ADIF header");
            case FormatSniffer.Kind.Other:
                report.Add(DiagnosticCatalog.AudioUnrecognised, $"it is {sniffed.Name}", WavName(report.FileName));
                return new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, CodecDescription = sniffed.Name, Diagnostics = report.Diagnostics };
            default:
                // No magic bytes: a name Asterisk gives its headerless sound files says what they hold, before a
                // frame search that any byte soup can fool.
                return RawProbe.Recognises(report.FileName) ? RawProbe.Probe(source, report) : ProbeFrames(source, report, head);
        }
    }

    /// <summary>MPEG audio or ADTS, possibly behind ID3v2 tags (FLAC files sometimes carry one too).</summary>
    private static AudioProbeResult ProbeFrames(ByteSource source, ProbeReport report, ReadOnlySpan<byte> head)
    {
        var start = Id3Tags.SkipLeadingId3v2(source);
        if (start == source.Length && start > 0)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
            return new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Diagnostics = report.Diagnostics };
        }

        if (start > source.Length)
        {
            report.Add(DiagnosticCatalog.AudioTruncated, $"its ID3v2 tags declare {start:N0} bytes but the file holds {source.Length:N0}");
            return new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Diagnostics = report.Diagnostics };
        }

        Span<byte> magic = stackalloc byte[4];
        if (start > 0 && source.TryReadExactly(start, magic) && magic.SequenceEqual("fLaC"u8))
        {
            return FlacProbe.Probe(source, report, start);
        }

        var audioEnd = Id3Tags.AudioEnd(source, start);
        switch (FrameSync.Find(source, start, audioEnd))
        {
            case { Kind: FrameStreamKind.Mpeg } mpeg:
                return Mp3Probe.Probe(source, report, mpeg.Offset, audioEnd);
            case { Kind: FrameStreamKind.Adts } adts:
                return AdtsProbe.Probe(source, report, adts.Offset, audioEnd);
        }

        // Too few frames to prove a stream, because the file ends inside one of them: a cut download or copy, which
        // deserves "truncated" rather than "not audio" (ffprobe names such a file's codec too).
        if (FrameSync.FindCutShort(source, start, audioEnd) is { } cut)
        {
            var probed = cut.Kind == FrameStreamKind.Mpeg
                ? Mp3Probe.Probe(source, report, cut.Start, audioEnd)
                : AdtsProbe.Probe(source, report, cut.Start, audioEnd);
            if (!report.Diagnostics.Any(d => d.Code == DiagnosticCatalog.AudioTruncated.Code))
            {
                report.Add(DiagnosticCatalog.AudioTruncated, cut.Describe());
            }

            return probed with { Diagnostics = report.Diagnostics };
        }

        var what = start > 0 ? "an ID3v2 tag followed by no MPEG or ADTS frames" : $"it starts with the bytes {FormatSniffer.HexPreview(head)}";
        report.Add(DiagnosticCatalog.AudioUnrecognised, what, WavName(report.FileName));
        return new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Diagnostics = report.Diagnostics };
    }

    /// <summary>A container recognised by its magic bytes and not parsed further (no prompt may be one).</summary>
    /// <summary>Where IVR1003's command writes: the prompt's name as a WAV (a PCM stream ffmpeg cannot put in .mp3 or .ogg).</summary>
    private static string WavName(string fileName) => ShellText.InDoubleQuotes(Path.ChangeExtension(fileName, ".wav"));

    private static AudioProbeResult Identified(ByteSource source, ProbeReport report, AudioContainer container, string? codec, string description) =>
        new()
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = container,
            Codec = codec,
            CodecDescription = description,
            Diagnostics = report.Diagnostics,
        };

    private static AudioProbeResult Unreadable(string name, string reason) => Failed(name, DiagnosticCatalog.AudioUnreadable, reason.TrimEnd('.'));

    private static AudioProbeResult Failed(string name, DiagnosticDescriptor descriptor, string reason) =>
        new() { Path = name, Diagnostics = [Diagnostic.Create(descriptor, name, name, reason)] };
}
