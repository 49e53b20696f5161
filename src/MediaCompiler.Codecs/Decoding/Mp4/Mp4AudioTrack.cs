namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>Where the audio starts and how long it lasts, in samples of the decoded output, as the file declares it.</summary>
/// <param name="Source">Which box said so ("edit list", "iTunSMPB"), or null when neither is present.</param>
/// <param name="SkipSamples">Encoder priming to drop from the start.</param>
/// <param name="LengthSamples">Samples to keep after it, or null to keep all the sample table's duration.</param>
internal sealed record Mp4Trim(string? Source, long SkipSamples, long? LengthSamples);

/// <summary>
/// The first sound track of an MP4/M4A (ISO/IEC 14496-12): moov/trak with an hdlr of 'soun', its media timescale
/// (mdhd), its edit list (edts/elst) against the movie timescale (mvhd), its sample table (stbl) and its
/// AudioSpecificConfig (stsd 'mp4a' → esds, 14496-14). iTunes' gapless tag (udta/meta/ilst '----' iTunSMPB) stands in
/// for an edit list when there is none. The sample entry is 'mp4a' (AAC: the AudioSpecificConfig of its 'esds') or 'alac'
/// (Apple Lossless: the ALACSpecificConfig of its own 'alac' box).
/// </summary>
/// <param name="Movie">The moov box (its 'mvex' says the samples are in fragments).</param>
/// <param name="TrackId">tkhd's track_ID, which the fragments name their samples by.</param>
/// <param name="SampleEntry">The sample description's format: "mp4a" or "alac".</param>
/// <param name="DecoderConfig">The codec's own configuration: the AudioSpecificConfig, or the ALACSpecificConfig.</param>
/// <param name="ObjectTypeIndication">For 'mp4a', the esds' object type (0x40 for MPEG-4 audio); 0 for 'alac'.</param>
internal sealed record Mp4AudioTrack(
    Mp4Box Movie, uint TrackId, Mp4Box SampleTable, uint MediaTimescale, uint MovieTimescale, string SampleEntry, byte[] DecoderConfig, int ObjectTypeIndication,
    (ulong Duration, long MediaTime)? Edit, (long Priming, long Samples)? ITunesGapless)
{
    public static Mp4AudioTrack Find(Mp4Boxes boxes)
    {
        Mp4Box? moov = null;
        var mdatSeen = false;
        foreach (var (box, truncated) in boxes.Children(0, boxes.FileLength, topLevel: true))
        {
            if (box.Type == "moov")
            {
                if (truncated)
                {
                    throw new Mp4DamageException($"the file is truncated: its 'moov' box ends {box.End} bytes in, before its declared size");
                }

                moov = box;
                break;
            }

            mdatSeen |= box.Type == "mdat";
        }

        if (moov is not { } movie)
        {
            throw new Mp4DamageException(mdatSeen
                ? "there is no 'moov' box after the media data (the file is probably truncated: the index is written last)"
                : "there is no 'moov' box (no track index)");
        }

        var mvhd = boxes.Require(movie, "mvhd");
        var movieTimescale = boxes.U32(mvhd, boxes.U8(mvhd, 0) == 1 ? 20 : 12);
        foreach (var (trak, _) in boxes.Children(movie.Start, movie.End))
        {
            if (trak.Type != "trak" || boxes.Find(trak, "mdia") is not { } mdia
                || boxes.Find(mdia, "hdlr") is not { } hdlr || boxes.FourCc(hdlr, 8) != "soun")
            {
                continue;
            }

            var mdhd = boxes.Require(mdia, "mdhd");
            var mediaTimescale = boxes.U32(mdhd, boxes.U8(mdhd, 0) == 1 ? 20 : 12);
            if (mediaTimescale == 0 || movieTimescale == 0)
            {
                throw new Mp4DamageException("the audio track's timescale is 0");
            }

            var stbl = boxes.Require(boxes.Require(mdia, "minf"), "stbl");
            var (entry, config, objectType) = ReadDecoderConfig(boxes, boxes.Require(stbl, "stsd"));
            var tkhd = boxes.Require(trak, "tkhd");
            var trackId = boxes.U32(tkhd, boxes.U8(tkhd, 0) == 1 ? 20 : 12);
            return new Mp4AudioTrack(movie, trackId, stbl, mediaTimescale, movieTimescale, entry, config, objectType,
                ReadEdit(boxes, trak), ReadITunesGapless(boxes, movie));
        }

        throw new Mp4DamageException("the file has no sound track (no 'trak' whose handler is 'soun')");
    }

    /// <summary>The priming and length the file declares, in samples at <paramref name="sampleRate"/>.</summary>
    public Mp4Trim Trim(int sampleRate)
    {
        if (Edit is { } edit)
        {
            var skip = Samples(Math.Round(edit.MediaTime * (double)sampleRate / MediaTimescale));
            // The edit's duration is in the movie's timescale, often milliseconds (ffmpeg writes 6000 for 6.0005 s), so
            // it is read as a bound with one tick's precision; the sample table's durations, in the media's own
            // timescale, cut the end exactly (the decoder takes the smaller of the two).
            long? length = edit.Duration == 0
                ? null
                : Samples(Math.Ceiling((edit.Duration + 1.0) * sampleRate / MovieTimescale) - 1);
            return new Mp4Trim("edit list", skip, length);
        }

        // An iTunSMPB length of 0 says nothing about the length (some encoders write only the priming).
        return ITunesGapless is { } gapless
            ? new Mp4Trim("iTunSMPB", Samples(gapless.Priming), gapless.Samples == 0 ? null : Samples(gapless.Samples))
            : new Mp4Trim(null, 0, null);
    }

    /// <summary>
    /// Which of <paramref name="decoded"/> samples at <paramref name="sampleRate"/> the file says to keep: from the
    /// priming's end to the sample table's duration (<paramref name="durationTicks"/>, media timescale), cut by the
    /// declared length. A priming that reaches the end is damage, said in <c>Problem</c>.
    /// </summary>
    public (long Skip, long End, string? Problem) Kept(long decoded, long durationTicks, int sampleRate)
    {
        var trim = Trim(sampleRate);
        var end = (long)Math.Min(decoded, Math.Round(durationTicks * (double)sampleRate / MediaTimescale));
        if (trim.LengthSamples is { } length)
        {
            end = Math.Min(end, trim.SkipSamples + length);
        }

        return trim.SkipSamples < end ? (trim.SkipSamples, end, null)
            : (trim.SkipSamples, end, trim.Source is null
                ? $"the sample table ('stts') gives the track a duration of {end} samples"
                : $"the {trim.Source} skips {trim.SkipSamples} samples of priming, but the track holds only {end}");
    }

    /// <summary>
    /// A count of samples from a header's 32- or 64-bit field, held below 2^50 so that sums of two cannot overflow: any
    /// value that large is far past the audio, which the decoder then reports.
    /// </summary>
    private static long Samples(double value) => (long)Math.Clamp(value, 0, 1L << 50);

    /// <summary>stsd → first entry, 'mp4a' → esds, or 'alac' → alac (either possibly inside a QuickTime 'wave' box).</summary>
    private static (string Entry, byte[] Config, int ObjectType) ReadDecoderConfig(Mp4Boxes boxes, Mp4Box stsd)
    {
        if (boxes.U32(stsd, 4) == 0)
        {
            throw new Mp4DamageException("the 'stsd' box lists no sample description");
        }

        var entry = boxes.Children(stsd.Start + 8, stsd.End).Select(c => (Mp4Box?)c.Box).FirstOrDefault()
            ?? throw new Mp4DamageException("the 'stsd' box is too short to hold the sample description it lists");
        if (entry.Type is not ("mp4a" or "alac"))
        {
            throw new Mp4DamageException($"the sound track's sample description is '{entry.Type}', not 'mp4a' or 'alac'");
        }

        // AudioSampleEntry: 28 bytes of fields, 16 more in QuickTime sound version 1 and 36 more in version 2.
        var childrenAt = boxes.U16(entry, 8) switch
        {
            0 => 28,
            1 => 44,
            2 => 64,
            var version => throw new Mp4DamageException($"the 'mp4a' sample entry has the unknown sound version {version}"),
        };
        if (entry.Type == "alac")
        {
            // A full box: version and flags, then the 24-byte ALACSpecificConfig.
            var cookie = boxes.Find(entry, "alac", childrenAt)
                ?? (boxes.Find(entry, "wave", childrenAt) is { } alacWave ? boxes.Find(alacWave, "alac") : null)
                ?? throw new Mp4DamageException("the 'alac' sample entry has no 'alac' box (no decoder configuration)");
            var length = (int)Math.Max(0, cookie.Length - 4);
            return ("alac", boxes.Data.AsSpan((int)(cookie.Start + Math.Min(4, cookie.Length)), length).ToArray(), 0);
        }

        var esds = boxes.Find(entry, "esds", childrenAt)
            ?? (boxes.Find(entry, "wave", childrenAt) is { } wave ? boxes.Find(wave, "esds") : null)
            ?? throw new Mp4DamageException("the 'mp4a' sample entry has no 'esds' box (no decoder configuration)");
        var (config, objectType) = EsDescriptor.ReadDecoderConfig(boxes, esds);
        return ("mp4a", config, objectType);
    }

    /// <summary>The first edit that plays media (an empty edit, media_time -1, only delays the track and is skipped).</summary>
    private static (ulong Duration, long MediaTime)? ReadEdit(Mp4Boxes boxes, Mp4Box trak)
    {
        if (boxes.Find(trak, "edts") is not { } edts || boxes.Find(edts, "elst") is not { } elst)
        {
            return null;
        }

        var wide = boxes.U8(elst, 0) == 1;
        var entryBytes = wide ? 20 : 12;
        var count = boxes.TableCount(elst, 4, entryBytes);
        for (var i = 0; i < count; i++)
        {
            var at = 8L + (i * (long)entryBytes);
            var duration = wide ? boxes.U64(elst, at) : boxes.U32(elst, at);
            var mediaTime = wide ? (long)boxes.U64(elst, at + 8) : (int)boxes.U32(elst, at + 4);
            if (mediaTime >= 0)
            {
                return (duration, mediaTime);
            }

            if (mediaTime != -1)
            {
                throw new Mp4DamageException($"edit {i} of the 'elst' box has the negative media time {mediaTime}");
            }
        }

        return null;
    }

    /// <summary>
    /// iTunes' "iTunSMPB": hex fields " 00000000 PPPPPPPP EEEEEEEE LLLLLLLLLLLLLLLL ..." giving the priming (P), the
    /// end padding (E) and the original length (L) in samples.
    /// </summary>
    private static (long Priming, long Samples)? ReadITunesGapless(Mp4Boxes boxes, Mp4Box moov)
    {
        foreach (var (udta, _) in boxes.Children(moov.Start, moov.End))
        {
            if (udta.Type != "udta" || boxes.Find(udta, "meta") is not { } meta)
            {
                continue;
            }

            // iTunes writes meta as a full box (4 bytes of version and flags before its children); QuickTime does not.
            var skip = meta.Length >= 8 && boxes.FourCc(meta, 4) == "hdlr" ? 0 : 4;
            if (boxes.Find(meta, "ilst", skip) is not { } ilst)
            {
                continue;
            }

            foreach (var (item, _) in boxes.Children(ilst.Start, ilst.End))
            {
                if (item.Type == "----" && ReadFreeform(boxes, item) is ("iTunSMPB", { } value))
                {
                    return ParseSmpb(value);
                }
            }
        }

        return null;
    }

    private static (string? Name, string? Value) ReadFreeform(Mp4Boxes boxes, Mp4Box item)
    {
        string? name = null, value = null;
        foreach (var (part, _) in boxes.Children(item.Start, item.End))
        {
            // 'name' and 'data' are full boxes; 'data' also has a 4-byte locale before its text.
            var textAt = part.Type == "data" ? 8 : 4;
            var text = part.Length > textAt
                ? System.Text.Encoding.UTF8.GetString(boxes.Data, (int)(part.Start + textAt), (int)(part.Length - textAt))
                : string.Empty;
            name = part.Type == "name" ? text : name;
            value = part.Type == "data" ? text : value;
        }

        return (name, value);
    }

    private static (long, long)? ParseSmpb(string value)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4
            || !long.TryParse(fields[1], System.Globalization.NumberStyles.HexNumber, null, out var priming)
            || !long.TryParse(fields[3], System.Globalization.NumberStyles.HexNumber, null, out var samples)
            || priming < 0 || samples < 0)
        {
            throw new Mp4DamageException($"the iTunSMPB tag \"{value.Trim()}\" is not four hexadecimal numbers");
        }

        return (priming, samples);
    }
}
