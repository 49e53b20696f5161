using System.Buffers.Binary;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// ISO BMFF (MP4/M4A/3GP). No prompt may be one, but naming what it holds makes the error useful ("an MP4 container
/// (brand 'M4A') holding AAC"). Walks box headers only: moov → trak → mdia → minf → stbl → stsd, reading the first
/// sound sample entry's format, mdhd's duration (for a fragmented file, the sum its fragments list: see
/// <see cref="Mp4FragmentDuration"/>) and the track's sample rate. The entry's own channel count is not
/// reported: muxers often write placeholders there (2 channels for mono AAC); for AAC the truth is read from the
/// codec's own config in the entry's 'esds' (<see cref="Mp4AacConfig"/>: the AudioSpecificConfig's channel
/// configuration, and the DecoderConfigDescriptor's average bitrate); for Apple Lossless from its ALACSpecificConfig
/// (<see cref="Mp4AlacConfig"/>: channels, bit depth, average bitrate). The rate is the media timescale when it is an
/// audio rate (muxers set it to the rate), else the entry's.
/// </summary>
internal static class Mp4Probe
{
    private const int MaxBoxesPerLevel = 64;
    // stsd's header (8), then the first entry up to its 16.16 sample rate (36).
    private const int MaxSampleDescriptionBytes = 44;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report, string brand)
    {
        var hasIndex = FindChild(source, 0, source.Length, "moov") is not null;
        if (CutBox(source) is { } cut)
        {
            // A box runs past the file's end: the file was cut (an interrupted copy or recording), whatever else holds.
            var where = cut.Type == "moov" ? "the 'moov' box that indexes its samples"
                : hasIndex ? $"its '{cut.Type}' box" : $"its '{cut.Type}' box, before the 'moov' box that indexes its samples";
            report.Add(DiagnosticCatalog.AudioTruncated,
                $"the file ends inside {where} (the box starts at byte {cut.Position:N0} and declares {cut.Size:N0} bytes; {source.Length - cut.Position:N0} are present)");
        }
        else if (!hasIndex)
        {
            // Without its index no reader can find the audio: say so, rather than name a codec nobody can decode.
            report.Add(DiagnosticCatalog.AudioHeaderInvalid, $"an MP4 container (brand '{brand}')",
                "it has no 'moov' box, the index of its samples (a recording that was never finished, or a file cut before its end when the index comes last)");
        }

        var track = FindSoundTrack(source);
        var codec = track?.Format switch
        {
            "mp4a" when track.Aac is { IsMpegAudio: true } => ("mp3", "MPEG audio (MP3)"),
            "mp4a" => ("aac", "AAC"),
            "alac" => ("alac", "Apple Lossless"),
            "Opus" => ("opus", "Opus"),
            "fLaC" => ("flac", "FLAC"),
            ".mp3" => ("mp3", "MP3"),
            "ac-3" => ("ac3", "Dolby AC-3"),
            "samr" => ("amr_nb", "AMR-NB"),
            "sawb" => ("amr_wb", "AMR-WB"),
            null => ((string?)null, (string?)null),
            var other => ($"unknown({other})", $"'{other}' audio"),
        };
        var holding = codec.Item2 is null ? "" : $" holding {codec.Item2}";
        return new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Mp4,
            Codec = codec.Item1,
            CodecDescription = $"an MP4 container (brand '{brand}'){holding}",
            DurationSeconds = track?.Duration,
            SampleRate = track?.SampleRate,
            // MP3's channels are in its frames (the entry's count is a placeholder, 2 for mono as ffmpeg writes it).
            Channels = track?.Aac is { IsMpegAudio: true } ? null : track?.Aac?.Channels ?? track?.Alac?.Channels,
            BitsPerSample = track?.Alac?.BitDepth,
            Bitrate = track?.Aac?.AverageBitrate ?? (track?.Alac is not null ? MediaDataBitrate(source, track.Duration) : null),
            Diagnostics = report.Diagnostics,
        };
    }

    /// <summary>
    /// The bitrate of the media data over the duration. For Apple Lossless the configuration's "average bitrate" is no
    /// guide: encoders write the uncompressed rate there (ffmpeg does), or 0.
    /// </summary>
    private static long? MediaDataBitrate(ByteSource source, double? duration) =>
        duration > 0 && FindChild(source, 0, source.Length, "mdat") is { } mdat ? (long)Math.Round((mdat.End - mdat.Start) * 8 / duration.Value) : null;

    private sealed record SoundTrack(string Format, double? Duration, int? SampleRate, Mp4AacConfig? Aac, Mp4AlacConfig? Alac);

    private static SoundTrack? FindSoundTrack(ByteSource source)
    {
        if (FindChild(source, 0, source.Length, "moov") is not { } moov)
        {
            return null;
        }

        foreach (var trak in Children(source, moov.Start, moov.End, "trak"))
        {
            if (FindChild(source, trak.Start, trak.End, "mdia") is not { } mdia ||
                FindChild(source, mdia.Start, mdia.End, "minf") is not { } minf ||
                FindChild(source, minf.Start, minf.End, "smhd") is null || // Only sound tracks have a sound media header.
                FindChild(source, minf.Start, minf.End, "stbl") is not { } stbl ||
                FindChild(source, stbl.Start, stbl.End, "stsd") is not { } stsd)
            {
                continue;
            }

            var description = source.ReadBlock(stsd.Start, (int)Math.Min(stsd.End - stsd.Start, MaxSampleDescriptionBytes));
            // stsd: version/flags(4) entry count(4), then the first entry: size(4) format(4)...
            if (description.Length < 16)
            {
                continue;
            }

            var format = System.Text.Encoding.ASCII.GetString(description, 12, 4);
            var (duration, timescale) = MediaTiming(source, mdia);
            if (duration is 0 && timescale > 0 && FindChild(source, moov.Start, moov.End, "mvex") is { } mvex)
            {
                // A fragmented file (browsers' MediaRecorder, live muxers): moov's sample table is empty and the
                // samples, with their durations, are listed in the 'moof' boxes that follow it.
                duration = Mp4FragmentDuration.Ticks(source, TrackId(source, trak), mvex) is { } ticks ? ticks / (double)timescale : null;
            }

            // The edit list says what of the media plays: the encoder's priming and padding are cut there (ffprobe's
            // duration, and what the decoder outputs).
            duration = EditedDuration(source, moov, trak) ?? duration;

            int? entryRate = description.Length >= 44 ? BinaryPrimitives.ReadUInt16BigEndian(description.AsSpan(40)) : null;
            var rate = timescale is >= 4_000 and <= 192_000 ? (int)timescale : entryRate is >= 4_000 ? entryRate : null;
            var aac = format == "mp4a" ? Mp4AacConfig.Read(source, stsd) : null;
            var alac = format == "alac" ? Mp4AlacConfig.Read(source, stsd) : null;
            return new SoundTrack(format, duration, rate, aac, alac);
        }

        return null;
    }

    /// <summary>
    /// The duration the track's edit list plays (the sum of its edits' segment durations, in the movie's timescale), or
    /// null without one. An empty edit (media time −1, a delayed start) counts too: it is silence that plays.
    /// </summary>
    private static double? EditedDuration(ByteSource source, Box moov, Box trak)
    {
        if (FindChild(source, trak.Start, trak.End, "edts") is not { } edts || FindChild(source, edts.Start, edts.End, "elst") is not { } elst
            || FindChild(source, moov.Start, moov.End, "mvhd") is not { } mvhd)
        {
            return null;
        }

        var movie = source.ReadBlock(mvhd.Start, 24);
        uint movieTimescale = movie.Length >= 24 && movie[0] == 1 ? BinaryPrimitives.ReadUInt32BigEndian(movie.AsSpan(20))
            : movie.Length >= 16 ? BinaryPrimitives.ReadUInt32BigEndian(movie.AsSpan(12)) : 0;
        var list = source.ReadBlock(elst.Start, (int)Math.Min(elst.End - elst.Start, 8 + (MaxEdits * 20)));
        if (movieTimescale == 0 || list.Length < 8)
        {
            return null;
        }

        bool wide = list[0] == 1;
        int entrySize = wide ? 20 : 12;
        long entries = Math.Min(BinaryPrimitives.ReadUInt32BigEndian(list.AsSpan(4)), (list.Length - 8) / entrySize);
        double total = 0;
        for (int i = 0; i < entries; i++)
        {
            var entry = list.AsSpan(8 + (i * entrySize));
            total += wide ? BinaryPrimitives.ReadUInt64BigEndian(entry) : BinaryPrimitives.ReadUInt32BigEndian(entry);
        }

        return entries > 0 && total > 0 ? total / movieTimescale : null;
    }

    /// <summary>Edits read at most: real files have one or two (a delay and the media).</summary>
    private const int MaxEdits = 16;

    /// <summary>tkhd's track_ID: after version/flags and two times (4 bytes each in version 0, 8 in version 1).</summary>
    private static uint? TrackId(ByteSource source, Box trak)
    {
        if (FindChild(source, trak.Start, trak.End, "tkhd") is not { } tkhd)
        {
            return null;
        }

        var header = source.ReadBlock(tkhd.Start, 24);
        var at = header.Length > 0 && header[0] == 1 ? 20 : 12;
        return header.Length >= at + 4 ? BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(at)) : null;
    }

    private static (double? Duration, uint Timescale) MediaTiming(ByteSource source, Box mdia)
    {
        if (FindChild(source, mdia.Start, mdia.End, "mdhd") is not { } mdhd)
        {
            return (null, 0);
        }

        var header = source.ReadBlock(mdhd.Start, 32);
        // Version 0: 32-bit times (timescale at 12, duration at 16); version 1: 64-bit times (timescale at 20, duration at 24).
        var (timescale, duration) = header.Length >= 32 && header[0] == 1
            ? (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20)), (double)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(24)))
            : header.Length >= 20 ? (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12)), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16))) : (0u, 0d);
        return (timescale == 0 ? null : duration / timescale, timescale);
    }

    internal readonly record struct Box(string Type, long Start, long End);

    internal static Box? FindChild(ByteSource source, long start, long end, string type) =>
        Children(source, start, end, type).Select(b => (Box?)b).FirstOrDefault();

    /// <param name="maxBoxes">How many boxes of the level to walk (any type), at most.</param>
    internal static IEnumerable<Box> Children(ByteSource source, long start, long end, string type, int maxBoxes = MaxBoxesPerLevel) =>
        Headers(source, start, end, maxBoxes)
            .TakeWhile(h => h.Position + h.Size <= end)
            .Where(h => h.Type == type)
            .Select(h => new Box(h.Type, h.Position + h.HeaderSize, h.Position + h.Size));

    /// <summary>
    /// Where a cut file stops: the top-level box whose declared size runs past the file's end, when it is a box that
    /// belongs at the top level and no larger than a recording plausibly is (noise over a box header is damage, not a cut).
    /// </summary>
    private static BoxHeader? CutBox(ByteSource source) =>
        Headers(source, 0, source.Length, MaxBoxesPerLevel)
            .Select(h => (BoxHeader?)h)
            .FirstOrDefault(h => h!.Value.Position + h.Value.Size > source.Length)
            is { } cut && TopLevelTypes.Contains(cut.Type) && cut.Size <= MaxPlausibleBoxBytes ? cut : null;

    /// <summary>The boxes ISO/IEC 14496-12 and its brands put at a file's top level.</summary>
    private static readonly HashSet<string> TopLevelTypes =
        ["ftyp", "moov", "mdat", "free", "skip", "wide", "udta", "uuid", "meta", "moof", "mfra", "sidx", "styp", "pdin", "emsg", "prft"];

    private const long MaxPlausibleBoxBytes = 1L << 30;

    private readonly record struct BoxHeader(string Type, long Position, int HeaderSize, long Size);

    /// <summary>The box headers of one level in order, the last one possibly overrunning <paramref name="end"/>.</summary>
    private static IEnumerable<BoxHeader> Headers(ByteSource source, long start, long end, int maxBoxes)
    {
        var header = new byte[16];
        var position = start;
        for (var i = 0; i < maxBoxes && position + 8 <= end && source.TryReadExactly(position, header.AsSpan(0, 8)); i++)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerSize = 8;
            if (size == 1 && source.TryReadExactly(position + 8, header.AsSpan(8, 8)))
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)), long.MaxValue);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = end - position; // "To the end of the enclosing box/file".
            }

            if (size < headerSize)
            {
                yield break;
            }

            yield return new BoxHeader(System.Text.Encoding.ASCII.GetString(header, 4, 4), position, headerSize, size);
            if (position + size > end)
            {
                yield break;
            }

            position += size;
        }
    }
}
