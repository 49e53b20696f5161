using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// ISO BMFF (MP4/M4A/3GP). No prompt may be one, but naming what it holds makes the error useful ("an MP4 container
/// (brand 'M4A') holding AAC"). Walks box headers only: moov → trak → mdia → minf → stbl → stsd, reading the first
/// sound sample entry's format, mdhd's duration and the track's sample rate. The entry's channel count is not
/// reported: muxers often write placeholders there (2 channels for mono AAC), the truth being inside the codec's own
/// config. The rate is the media timescale when it is an audio rate (muxers set it to the rate), else the entry's.
/// </summary>
internal static class Mp4Probe
{
    private const int MaxBoxesPerLevel = 64;
    // stsd's header (8), then the first entry up to its 16.16 sample rate (36).
    private const int MaxSampleDescriptionBytes = 44;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report, string brand)
    {
        var track = FindSoundTrack(source);
        var codec = track?.Format switch
        {
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
            Diagnostics = report.Diagnostics,
        };
    }

    private sealed record SoundTrack(string Format, double? Duration, int? SampleRate);

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
            int? entryRate = description.Length >= 44 ? BinaryPrimitives.ReadUInt16BigEndian(description.AsSpan(40)) : null;
            var rate = timescale is >= 4_000 and <= 192_000 ? (int)timescale : entryRate is >= 4_000 ? entryRate : null;
            return new SoundTrack(format, duration, rate);
        }

        return null;
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

    private readonly record struct Box(string Type, long Start, long End);

    private static Box? FindChild(ByteSource source, long start, long end, string type) =>
        Children(source, start, end, type).Select(b => (Box?)b).FirstOrDefault();

    private static IEnumerable<Box> Children(ByteSource source, long start, long end, string type)
    {
        var header = new byte[16];
        var position = start;
        for (var i = 0; i < MaxBoxesPerLevel && position + 8 <= end && source.TryReadExactly(position, header.AsSpan(0, 8)); i++)
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

            if (size < headerSize || position + size > end)
            {
                yield break;
            }

            var boxType = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (boxType == type)
            {
                yield return new Box(boxType, position + headerSize, position + size);
            }

            position += size;
        }
    }
}
