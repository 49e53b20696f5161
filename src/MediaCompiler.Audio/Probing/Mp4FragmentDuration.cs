using System.Buffers.Binary;
using System.Numerics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// The length of a fragmented MP4's track (ISO/IEC 14496-12 8.8), in its media timescale: the sum of the sample
/// durations its top-level 'moof' boxes list, per track fragment ('traf': 'tfhd' defaults, then 'trun' runs; 'trex' in
/// moov's 'mvex' holds the defaults of last resort). Reads box headers and the runs' fields only. The walk is bounded
/// by the file's real bytes (every box is at least 8 of them), never by a count a header claims.
/// </summary>
internal static class Mp4FragmentDuration
{
    // A fragment per 20 ms of audio for ten minutes is 30,000 boxes; the walk stops well past that.
    private const int MaxTopLevelBoxes = 100_000;
    // One run's per-sample records read at once, at most: 16 bytes a sample for a million samples.
    private const long MaxRunBytes = 16L * 1024 * 1024;
    private const uint BaseDataOffsetPresent = 0x1;
    private const uint SampleDescriptionPresent = 0x2;
    private const uint DefaultDurationPresent = 0x8;
    private const uint DataOffsetPresent = 0x1;
    private const uint FirstSampleFlagsPresent = 0x4;
    private const uint SampleDurationPresent = 0x100;

    /// <returns>Null when the file lists no run for the track or a duration cannot be known.</returns>
    public static double? Ticks(ByteSource source, uint? trackId, Mp4Probe.Box mvex)
    {
        if (trackId is not { } id)
        {
            return null;
        }

        var trexDuration = TrackDefaultDuration(source, mvex, id);
        double ticks = 0;
        var runs = 0;
        foreach (var moof in Mp4Probe.Children(source, 0, source.Length, "moof", MaxTopLevelBoxes))
        {
            foreach (var traf in Mp4Probe.Children(source, moof.Start, moof.End, "traf"))
            {
                // tfhd: version/flags(4) track_ID(4), then the optional base offset(8), description index(4), duration(4).
                if (Mp4Probe.FindChild(source, traf.Start, traf.End, "tfhd") is not { } tfhd
                    || source.ReadBlock(tfhd.Start, 28) is not { Length: >= 8 } head
                    || BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4)) != id)
                {
                    continue;
                }

                var flags = BinaryPrimitives.ReadUInt32BigEndian(head) & 0xFFFFFF;
                var at = 8 + ((flags & BaseDataOffsetPresent) != 0 ? 8 : 0) + ((flags & SampleDescriptionPresent) != 0 ? 4 : 0);
                var duration = (flags & DefaultDurationPresent) == 0 ? trexDuration
                    : head.Length >= at + 4 ? BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(at)) : null;
                foreach (var trun in Mp4Probe.Children(source, traf.Start, traf.End, "trun"))
                {
                    if (RunTicks(source, trun, duration) is not { } run)
                    {
                        return null;
                    }

                    ticks += run;
                    runs++;
                }
            }
        }

        return runs > 0 ? ticks : null;
    }

    private static uint? TrackDefaultDuration(ByteSource source, Mp4Probe.Box mvex, uint trackId)
    {
        // trex: version/flags(4) track_ID(4) description index(4) default duration(4)...
        foreach (var trex in Mp4Probe.Children(source, mvex.Start, mvex.End, "trex"))
        {
            if (source.ReadBlock(trex.Start, 16) is { Length: 16 } fields && BinaryPrimitives.ReadUInt32BigEndian(fields.AsSpan(4)) == trackId)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(fields.AsSpan(12));
            }
        }

        return null;
    }

    private static double? RunTicks(ByteSource source, Mp4Probe.Box trun, uint? defaultDuration)
    {
        // trun: version/flags(4) sample count(4), then the optional data offset(4) and first sample's flags(4), then a
        // record per sample of the fields its flags name (duration, size, flags, composition offset; 4 bytes each).
        if (source.ReadBlock(trun.Start, 8) is not { Length: 8 } head)
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt32BigEndian(head) & 0xFFFFFF;
        var count = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4));
        if ((flags & SampleDurationPresent) == 0)
        {
            return defaultDuration is { } each ? (double)count * each : null;
        }

        var at = 8 + ((flags & DataOffsetPresent) != 0 ? 4 : 0) + ((flags & FirstSampleFlagsPresent) != 0 ? 4 : 0);
        var recordBytes = 4 * BitOperations.PopCount(flags & 0xF00);
        // The records are read from the box's real bytes: a count past them is a damaged run, not a duration.
        var length = trun.End - trun.Start;
        if (count > (length - at) / recordBytes || (long)count * recordBytes > MaxRunBytes)
        {
            return null;
        }

        var records = source.ReadBlock(trun.Start + at, (int)(count * recordBytes));
        if (records.Length != count * recordBytes)
        {
            return null;
        }

        double ticks = 0;
        for (var offset = 0; offset < records.Length; offset += recordBytes)
        {
            ticks += BinaryPrimitives.ReadUInt32BigEndian(records.AsSpan(offset));
        }

        return ticks;
    }
}
