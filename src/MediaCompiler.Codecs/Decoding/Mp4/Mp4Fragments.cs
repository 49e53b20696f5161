namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// The samples of a fragmented MP4 (ISO/IEC 14496-12 8.8: what browsers' MediaRecorder and live muxers write): moov
/// holds an empty sample table and 'mvex' defaults ('trex'), and each top-level 'moof' lists, per track fragment
/// ('traf': 'tfhd' then 'trun' runs), the sizes and durations of samples lying from a base offset on. Counts are bounded
/// by the run's bytes when it lists per-sample fields, and by the duration cap in any case, before anything is stored.
/// </summary>
internal static class Mp4Fragments
{
    private const uint BaseDataOffsetPresent = 0x1;
    private const uint SampleDescriptionPresent = 0x2;
    private const uint DefaultDurationPresent = 0x8;
    private const uint DefaultSizePresent = 0x10;
    private const uint DataOffsetPresent = 0x1;
    private const uint FirstSampleFlagsPresent = 0x4;
    private const uint SampleDurationPresent = 0x100;
    private const uint SampleSizePresent = 0x200;

    /// <summary>Appends the track's fragment samples; returns their total duration in the media timescale.</summary>
    public static long Append(Mp4Boxes boxes, Mp4Box moov, uint trackId, int maxSamples, List<long> offsets, List<int> sizes)
    {
        var (trexDuration, trexSize) = TrackDefaults(boxes, moov, trackId);
        long ticks = 0;
        foreach (var (moof, truncated) in boxes.Children(0, boxes.FileLength, topLevel: true))
        {
            if (moof.Type != "moof")
            {
                continue;
            }

            if (truncated)
            {
                throw new Mp4DamageException($"the file is truncated inside the 'moof' box at byte {moof.HeaderStart}");
            }

            foreach (var (traf, _) in boxes.Children(moof.Start, moof.End))
            {
                if (traf.Type == "traf")
                {
                    ticks += ReadTrackFragment(boxes, moof, traf, trackId, (trexDuration, trexSize), maxSamples, offsets, sizes);
                }
            }
        }

        return ticks;
    }

    private static (uint Duration, uint Size) TrackDefaults(Mp4Boxes boxes, Mp4Box moov, uint trackId)
    {
        foreach (var (trex, _) in boxes.Children(boxes.Require(moov, "mvex").Start, boxes.Require(moov, "mvex").End))
        {
            if (trex.Type == "trex" && boxes.U32(trex, 4) == trackId)
            {
                return (boxes.U32(trex, 12), boxes.U32(trex, 16));
            }
        }

        return (0, 0);
    }

    private static long ReadTrackFragment(
        Mp4Boxes boxes, Mp4Box moof, Mp4Box traf, uint trackId, (uint Duration, uint Size) defaults, int maxSamples,
        List<long> offsets, List<int> sizes)
    {
        var tfhd = boxes.Require(traf, "tfhd");
        var flags = boxes.U32(tfhd, 0) & 0xFFFFFF;
        if (boxes.U32(tfhd, 4) != trackId)
        {
            return 0;
        }

        long at = 8;
        // Without an explicit base, offsets count from the start of the 'moof' box (default-base-is-moof, which
        // every muxer that omits the base writes; the older "end of the previous fragment's data" rule is not used).
        var baseOffset = (flags & BaseDataOffsetPresent) != 0 ? Offset(boxes.U64(tfhd, at), boxes) : moof.HeaderStart;
        at += (flags & BaseDataOffsetPresent) != 0 ? 8 : 0;
        at += (flags & SampleDescriptionPresent) != 0 ? 4 : 0;
        var duration = (flags & DefaultDurationPresent) != 0 ? boxes.U32(tfhd, at) : defaults.Duration;
        at += (flags & DefaultDurationPresent) != 0 ? 4 : 0;
        var size = (flags & DefaultSizePresent) != 0 ? boxes.U32(tfhd, at) : defaults.Size;

        long ticks = 0;
        var position = baseOffset;
        foreach (var (trun, _) in boxes.Children(traf.Start, traf.End))
        {
            if (trun.Type == "trun")
            {
                ticks += ReadRun(boxes, trun, baseOffset, ref position, (duration, size), maxSamples, offsets, sizes);
            }
        }

        return ticks;
    }

    private static long ReadRun(
        Mp4Boxes boxes, Mp4Box trun, long baseOffset, ref long position, (uint Duration, uint Size) defaults, int maxSamples,
        List<long> offsets, List<int> sizes)
    {
        var flags = boxes.U32(trun, 0) & 0xFFFFFF;
        var count = boxes.U32(trun, 4);
        long at = 8;
        if ((flags & DataOffsetPresent) != 0)
        {
            var start = baseOffset + (int)boxes.U32(trun, at);   // a signed 32-bit offset
            position = start >= 0
                ? Offset((ulong)start, boxes)
                : throw new Mp4DamageException($"a 'trun' box's data offset points {-start} bytes before the start of the file");
            at += 4;
        }

        at += (flags & FirstSampleFlagsPresent) != 0 ? 4 : 0;
        var fieldBytes = 4 * System.Numerics.BitOperations.PopCount(flags & 0xF00);
        if (fieldBytes > 0 && count > (trun.Length - at) / fieldBytes)
        {
            throw new Mp4DamageException($"a 'trun' box lists {count} samples but holds fields for {Math.Max(0, (trun.Length - at) / fieldBytes)}");
        }

        if (offsets.Count + (long)count > maxSamples)
        {
            throw new Mp4DurationException(offsets.Count + (long)count);
        }

        long ticks = 0;
        for (var i = 0u; i < count; i++, at += fieldBytes)
        {
            var duration = (flags & SampleDurationPresent) != 0 ? boxes.U32(trun, at) : defaults.Duration;
            var sizeAt = at + ((flags & SampleDurationPresent) != 0 ? 4 : 0);
            var size = (flags & SampleSizePresent) != 0 ? boxes.U32(trun, sizeAt) : defaults.Size;
            if (size == 0 || size > boxes.FileLength)
            {
                throw new Mp4DamageException($"fragment sample {offsets.Count} has the impossible size {size} bytes");
            }

            offsets.Add(position);
            sizes.Add((int)size);
            position = Math.Min(position + size, boxes.FileLength);
            ticks += duration;
        }

        return ticks;
    }

    /// <summary>An offset from the file, held to the file's length (past it is reported when the sample is placed).</summary>
    private static long Offset(ulong value, Mp4Boxes boxes) => value > (ulong)boxes.FileLength ? boxes.FileLength : (long)value;
}
