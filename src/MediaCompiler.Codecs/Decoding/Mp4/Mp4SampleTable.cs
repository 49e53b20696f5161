namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// Where each access unit of the track lies in the file and how long the track lasts, from the sample table
/// (ISO/IEC 14496-12 8.7): sizes (stsz), chunk offsets (stco or co64), samples per chunk (stsc) and durations (stts).
/// The tables must agree with each other, and every sample must lie inside an 'mdat' box of the file: a zeroed or
/// shifted offset, a table that lists more samples than another, or a sample past the end of a truncated file is damage,
/// not garbage fed to the decoder. Nothing is allocated for a count before the bytes that back it are known to exist.
/// A fragmented file's samples follow from its 'moof' boxes (<see cref="Mp4Fragments"/>), checked the same way.
/// </summary>
internal sealed class Mp4SampleTable
{
    private Mp4SampleTable(long[] offsets, int[] sizes, long durationTicks)
    {
        Offsets = offsets;
        Sizes = sizes;
        DurationTicks = durationTicks;
    }

    public long[] Offsets { get; }

    public int[] Sizes { get; }

    public int Count => Sizes.Length;

    /// <summary>The sum of the sample durations (stts) in the media timescale.</summary>
    public long DurationTicks { get; }

    /// <param name="maxSamples">The most access units a prompt may have (the duration cap), checked before allocating.</param>
    /// <param name="mediaData">The payload ranges of the file's 'mdat' boxes.</param>
    public static Mp4SampleTable Read(Mp4Boxes boxes, Mp4AudioTrack track, int maxSamples, IReadOnlyList<Mp4Box> mediaData)
    {
        var stbl = track.SampleTable;
        var sizes = ReadSizes(boxes, boxes.Require(stbl, "stsz"), maxSamples);
        var chunkOffsets = ReadChunkOffsets(boxes, stbl);
        var offsets = PlaceSamples(boxes, boxes.Require(stbl, "stsc"), chunkOffsets, sizes);
        var ticks = ReadDurationTicks(boxes, boxes.Require(stbl, "stts"), sizes.Length);
        if (boxes.Find(track.Movie, "mvex") is not null)
        {
            // A fragmented file: the sample table (usually empty) is followed by the samples of its 'moof' boxes.
            var allOffsets = new List<long>(offsets);
            var allSizes = new List<int>(sizes);
            ticks += Mp4Fragments.Append(boxes, track.Movie, track.TrackId, maxSamples, allOffsets, allSizes);
            (offsets, sizes) = ([.. allOffsets], [.. allSizes]);
        }

        if (sizes.Length == 0)
        {
            throw new Mp4DamageException("the sound track has no samples");
        }

        for (var i = 0; i < sizes.Length; i++)
        {
            if (!InsideMediaData(mediaData, offsets[i], offsets[i] + sizes[i]))
            {
                throw new Mp4DamageException(offsets[i] + sizes[i] > boxes.FileLength
                    ? $"sample {i} (bytes {offsets[i]}-{offsets[i] + sizes[i]}) lies past the end of the file ({boxes.FileLength} bytes): the file is truncated"
                    : $"sample {i} (bytes {offsets[i]}-{offsets[i] + sizes[i]}) lies outside the media data ('mdat'): the chunk or fragment offsets are wrong");
            }
        }

        return new Mp4SampleTable(offsets, sizes, ticks);
    }

    /// <summary>Binary search of the 'mdat' payloads, which lie in file order without overlapping.</summary>
    private static bool InsideMediaData(IReadOnlyList<Mp4Box> mediaData, long start, long end)
    {
        int low = 0, high = mediaData.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (start < mediaData[middle].Start)
            {
                high = middle - 1;
            }
            else if (start >= mediaData[middle].End)
            {
                low = middle + 1;
            }
            else
            {
                return end <= mediaData[middle].End;
            }
        }

        return false;
    }

    private static int[] ReadSizes(Mp4Boxes boxes, Mp4Box stsz, int maxSamples)
    {
        var constantSize = boxes.U32(stsz, 4);
        var count = constantSize == 0 ? (uint)boxes.TableCount(stsz, 8, 4) : boxes.U32(stsz, 8);
        if (constantSize != 0 && (constantSize > int.MaxValue || (ulong)count * constantSize > (ulong)boxes.FileLength))
        {
            throw new Mp4DamageException($"the 'stsz' box declares {count} samples of {constantSize} bytes, more than the file's {boxes.FileLength} bytes");
        }

        if (count > maxSamples)
        {
            throw new Mp4DurationException((long)count);
        }

        var sizes = new int[count];
        for (var i = 0; i < sizes.Length; i++)
        {
            var size = constantSize != 0 ? constantSize : boxes.U32(stsz, 12 + (4L * i));
            if (size == 0 || size > boxes.FileLength)
            {
                throw new Mp4DamageException($"sample {i} has the impossible size {size} bytes");
            }

            sizes[i] = (int)size;
        }

        return sizes;
    }

    private static long[] ReadChunkOffsets(Mp4Boxes boxes, Mp4Box stbl)
    {
        var wide = boxes.Find(stbl, "co64");
        var table = wide ?? boxes.Find(stbl, "stco") ?? throw new Mp4DamageException("the sample table has no chunk offsets ('stco' or 'co64')");
        var entryBytes = wide is null ? 4 : 8;
        var offsets = new long[boxes.TableCount(table, 4, entryBytes)];
        for (var i = 0; i < offsets.Length; i++)
        {
            var at = 8 + ((long)i * entryBytes);
            var offset = wide is null ? boxes.U32(table, at) : boxes.U64(table, at);
            offsets[i] = offset > (ulong)boxes.FileLength ? boxes.FileLength : (long)offset;   // caught as "past the end" later
        }

        return offsets;
    }

    /// <summary>
    /// stsc runs of (first chunk, samples per chunk): each chunk's samples lie back to back from the chunk's offset.
    /// The loop is bounded by the sample count: a run claiming more samples than stsz lists is damage when met.
    /// </summary>
    private static long[] PlaceSamples(Mp4Boxes boxes, Mp4Box stsc, long[] chunkOffsets, int[] sizes)
    {
        var runs = boxes.TableCount(stsc, 4, 12);
        var offsets = new long[sizes.Length];
        var sample = 0;
        for (var run = 0; run < runs; run++)
        {
            var firstChunk = boxes.U32(stsc, 8 + (12L * run));
            var perChunk = boxes.U32(stsc, 12 + (12L * run));
            var nextFirst = run + 1 < runs ? boxes.U32(stsc, 8 + (12L * (run + 1))) : (uint)chunkOffsets.Length + 1;
            if ((run == 0 && firstChunk != 1) || firstChunk == 0 || nextFirst <= firstChunk || nextFirst > chunkOffsets.Length + 1L || perChunk == 0)
            {
                throw new Mp4DamageException(
                    $"entry {run} of the 'stsc' box (first chunk {firstChunk}, {perChunk} samples per chunk) does not fit the {chunkOffsets.Length} chunks");
            }

            for (var chunk = firstChunk - 1; chunk < nextFirst - 1; chunk++)
            {
                var position = chunkOffsets[chunk];
                for (var k = 0u; k < perChunk; k++)
                {
                    if (sample == sizes.Length)
                    {
                        throw new Mp4DamageException($"the chunks ('stsc', 'stco') hold more samples than the {sizes.Length} the 'stsz' box lists");
                    }

                    offsets[sample] = position;
                    position += sizes[sample++];
                }
            }
        }

        return sample == sizes.Length
            ? offsets
            : throw new Mp4DamageException($"the chunks ('stsc', 'stco') hold {sample} samples but the 'stsz' box lists {sizes.Length}");
    }

    private static long ReadDurationTicks(Mp4Boxes boxes, Mp4Box stts, int sampleCount)
    {
        var entries = boxes.TableCount(stts, 4, 8);
        long samples = 0, ticks = 0;
        for (var i = 0; i < entries; i++)
        {
            samples += boxes.U32(stts, 8 + (8L * i));
            if (samples > sampleCount)
            {
                break;
            }

            // At most 2^31 samples of at most 2^32 ticks each: the sum stays below 2^63.
            ticks += boxes.U32(stts, 8 + (8L * i)) * (long)boxes.U32(stts, 12 + (8L * i));
        }

        return samples == sampleCount
            ? ticks
            : throw new Mp4DamageException($"the 'stts' box gives durations for {samples} samples but the 'stsz' box lists {sampleCount}");
    }
}

/// <summary>The track lists more access units than a prompt may last (the decoder's duration cap).</summary>
internal sealed class Mp4DurationException(long samples) : Exception($"{samples} access units")
{
    public long Samples { get; } = samples;
}
