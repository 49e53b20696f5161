using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Mp4;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// Damaged M4A files are coded refusals (IVR3120 saying what is wrong), never an exception, never garbage audio, and
/// never an allocation sized by a header's count rather than by the file's bytes.
/// </summary>
public sealed class Mp4DamageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Stbl = "moov/trak/mdia/minf/stbl";

    [FfmpegTheory]
    [InlineData(false, 0.5, "no 'moov' box after the media data")]
    [InlineData(false, 0.999, "truncated")]
    [InlineData(true, 0.5, "past the end of the file")]
    [InlineData(true, 0.9, "past the end of the file")]
    [InlineData(true, 0.01, "truncated")]
    public void A_truncated_file_is_a_coded_refusal_naming_the_truncation(bool fastStart, double keep, string saying)
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart);

        var error = Refusal(file[..(int)(file.Length * keep)]);

        Assert.Contains(saying, error);
    }

    [FfmpegFact]
    public void Zeroed_chunk_offsets_are_refused_not_decoded_from_the_file_header()
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: true);
        var (start, length) = Mp4FileBuilder.Locate(file, Stbl + "/stco");
        file.AsSpan(start + 8, length - 8).Clear();

        Assert.Contains("outside the media data", Refusal(file));
    }

    [FfmpegTheory]
    [InlineData("stsz", 8, "lists 4294967295 entries but holds room for")]
    [InlineData("stco", 4, "lists 4294967295 entries")]
    [InlineData("stsc", 4, "lists 4294967295 entries")]
    [InlineData("stts", 4, "lists 4294967295 entries")]
    public void A_table_claiming_2_to_the_32_entries_is_refused_without_allocating_for_them(string box, int countAt, string saying)
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false);
        var (start, _) = Mp4FileBuilder.Locate(file, $"{Stbl}/{box}");
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start + countAt), uint.MaxValue);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refusal(file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(saying, error);
        Assert.True(allocated < 8 * file.Length, $"{allocated} bytes allocated for a {file.Length}-byte file");
    }

    [FfmpegFact]
    public void A_constant_sample_size_times_2_to_the_32_samples_is_refused()
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false);
        var (start, _) = Mp4FileBuilder.Locate(file, $"{Stbl}/stsz");
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start + 4), 1);            // sample_size 1: no table follows
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start + 8), uint.MaxValue);

        Assert.Contains("more than the file's", Refusal(file));
    }

    [FfmpegFact]
    public void A_sample_count_the_tables_disagree_on_is_refused()
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false);
        var (start, _) = Mp4FileBuilder.Locate(file, $"{Stbl}/stsz");
        var count = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(start + 8));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start + 8), count - 1);

        Assert.Contains("the 'stsz' box lists", Refusal(file));
    }

    [FfmpegFact]
    public void An_edit_list_skipping_past_the_end_of_the_audio_is_refused()
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false);
        var (start, _) = Mp4FileBuilder.Locate(file, "moov/trak/edts/elst");
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(start + 12), int.MaxValue);   // the first edit's media_time

        Assert.Contains("the edit list skips 2147483647 samples of priming, but the track holds only", Refusal(file));
    }

    [FfmpegFact]
    public void A_box_larger_than_its_parent_is_refused()
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false);
        var (start, _) = Mp4FileBuilder.Locate(file, "moov/trak/mdia");
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start - 8), 0x7FFFFFF0);

        Assert.Contains("declares 2147483632 bytes but its parent has only", Refusal(file));
    }

    /// <summary>
    /// Random bytes over the index (moov) of a real file: whatever they make of it, the answer is audio or a coded
    /// refusal from the AAC/decoding ranges, and no exception escapes.
    /// </summary>
    [FfmpegTheory]
    [InlineData("moov")]
    [InlineData("moof")]
    public void Random_damage_to_the_index_never_escapes_as_an_exception(string index)
    {
        var original = index == "moov" ? Mp4Fixtures.Encode(16000, 2, fastStart: true) : Fragmented();
        var (moovStart, moovLength) = Mp4FileBuilder.Locate(original, index);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var file = original.ToArray();
            for (var hits = random.Next(1, 6); hits > 0; hits--)
            {
                file[moovStart + random.Next(moovLength)] = (byte)random.Next(256);
            }

            var result = PromptDecoder.Decode(file, "fuzz.m4a", AudioProbe.Probe(new MemoryStream(file), "fuzz.m4a"));

            Assert.True(result.Audio is not null ^ result.Error is not null);
            var outcome = result.Error?.Code ?? "audio";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (result.Error is { } error)
            {
                Assert.Matches("^IVR(3120|3121|314[0-6]|1[0-9]{3})$", error.Code);
            }
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} x{o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("IVR3120") > 0, "no damage was detected at all");
    }

    [FfmpegFact]
    public void A_fragment_run_of_2_to_the_32_default_sized_samples_is_refused_without_allocating_for_them()
    {
        var file = Fragmented();
        var (start, _) = Mp4FileBuilder.Locate(file, "moof/traf/trun");
        // Keep only the data offset flag: every sample takes the defaults, so the count is backed by no bytes.
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start), 0x000001);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(start + 4), uint.MaxValue);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = new Mp4AacDecoder().Decode(file, "fragments.m4a", default).Error!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("IVR3146", error.Code);
        Assert.Contains("4294967295 access units", error.Message);
        Assert.True(allocated < 8 * file.Length, $"{allocated} bytes allocated for a {file.Length}-byte file");
    }

    [FfmpegFact]
    public void A_truncated_fragmented_file_is_a_coded_refusal()
    {
        var file = Fragmented();

        Assert.Contains("truncated", Refusal(file[..(file.Length / 2)]));
    }

    private static byte[] Fragmented() =>
        Mp4Fixtures.Encode(16000, 1, fastStart: false, extra: "-movflags frag_keyframe+empty_moov -frag_duration 500000");

    private static string Refusal(byte[] file)
    {
        var result = new Mp4AacDecoder().Decode(file, "damaged.m4a", default);
        Assert.Null(result.Audio);
        Assert.Equal("IVR3120", result.Error!.Code);
        Assert.Contains("damaged.m4a", result.Error.Message);
        return result.Error.Message;
    }
}
