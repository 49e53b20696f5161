namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Matroska and WebM (what browsers' MediaRecorder writes: Opus in WebM, with unknown Segment and Cluster sizes). No
/// prompt may be one, but the probe names what it holds ("a WebM container holding Opus") with the first audio
/// track's rate and channels, and the duration when the Segment's Info declares one (a live recording does not).
/// Reads the file's first <see cref="HeadBytes"/> only: the EBML header, Info and Tracks come before the first Cluster.
/// </summary>
internal static class MatroskaProbe
{
    private const int HeadBytes = 256 * 1024;

    /// <summary>Matroska's default TimestampScale: a Duration counts milliseconds unless the Info says otherwise.</summary>
    private const double DefaultTimestampScaleNs = 1_000_000;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        var head = source.ReadBlock(0, (int)Math.Min(source.Length, HeadBytes));
        string docType = "matroska";
        MatroskaTrack? track = null;
        double? duration = null;
        double scale = DefaultTimestampScaleNs;
        int position = 0;
        while (Ebml.TryReadElement(head, position, out var element) && element.Id != Ebml.Cluster)
        {
            int end = element.DataEnd(head.Length);
            var data = head.AsSpan(element.DataStart, end - element.DataStart);
            switch (element.Id)
            {
                case Ebml.Header:
                    docType = ReadDocType(data) ?? docType;
                    break;
                case Ebml.Segment:
                    // Its children follow: walk into it (its size is often unknown).
                    position = element.DataStart;
                    continue;
                case Ebml.Info:
                    (scale, duration) = ReadInfo(data);
                    break;
                case Ebml.Tracks:
                    track = MatroskaTrack.FirstAudio(data);
                    break;
            }

            if (element.Size == Ebml.UnknownSize)
            {
                break;
            }

            position = end;
        }

        string container = docType == "webm" ? "a WebM container" : "a Matroska container";
        if (track is null)
        {
            report.Add(Diagnostics.DiagnosticCatalog.AudioHeaderInvalid, container, "it lists no audio track before its first cluster");
            return new AudioProbeResult { Path = report.FileName, SizeBytes = source.Length, Container = AudioContainer.WebM, CodecDescription = container, Diagnostics = report.Diagnostics };
        }

        var (codec, description) = track.Codec;
        var opus = codec == "opus" ? OggCodecHeader.Identify(track.CodecPrivate, out _) : null;
        return new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.WebM,
            Codec = codec,
            CodecDescription = $"{container} holding {description}",
            // Opus: the rules judge OpusHead's input rate, as for Ogg Opus; every Opus stream decodes at 48 kHz.
            SampleRate = opus?.SampleRate ?? (track.SamplingFrequency is >= 1 and <= 1_000_000 ? (int)track.SamplingFrequency : null),
            DecodedSampleRate = opus is null ? null : opus.GranuleRate,
            Channels = opus?.Channels ?? track.Channels,
            DurationSeconds = duration is { } d ? d * scale / 1e9 : null,
            Diagnostics = report.Diagnostics,
        };
    }

    private static string? ReadDocType(ReadOnlySpan<byte> header)
    {
        int position = 0;
        while (Ebml.TryReadElement(header, position, out var element) && element.Size != Ebml.UnknownSize)
        {
            int end = element.DataEnd(header.Length);
            if (element.Id == Ebml.DocType)
            {
                return System.Text.Encoding.ASCII.GetString(header[element.DataStart..end]).TrimEnd('\0');
            }

            position = end;
        }

        return null;
    }

    private static (double Scale, double? Duration) ReadInfo(ReadOnlySpan<byte> info)
    {
        double scale = DefaultTimestampScaleNs;
        double? duration = null;
        int position = 0;
        while (Ebml.TryReadElement(info, position, out var element) && element.Size != Ebml.UnknownSize)
        {
            int end = element.DataEnd(info.Length);
            var data = info[element.DataStart..end];
            if (element.Id == Ebml.TimestampScale && Ebml.ReadUnsigned(data) is > 0 and var ns)
            {
                scale = ns;
            }
            else if (element.Id == Ebml.Duration && Ebml.ReadFloat(data) is > 0 and var value && double.IsFinite(value))
            {
                duration = value;
            }

            position = end;
        }

        return (scale, duration);
    }
}
