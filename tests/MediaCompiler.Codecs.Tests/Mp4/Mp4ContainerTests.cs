using MediaCompiler.Codecs.Decoding.Aac;
using MediaCompiler.Codecs.Decoding.Mp4;
using MediaCompiler.Codecs.Tests.Aac;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// Hand-built M4A files (real access units from ffmpeg's encoder in containers ffmpeg's muxer will not write on
/// request): 64-bit chunk offsets, several samples per chunk, iTunSMPB instead of an edit list, an explicit sampling
/// rate; each decoded by us and by ffmpeg.
/// </summary>
public sealed class Mp4ContainerTests(ITestOutputHelper output)
{
    private const int Rate = 16000;
    private const int Priming = 1024;

    [FfmpegFact]
    public void Co64_offsets_and_several_samples_per_chunk_decode_like_ffmpeg_and_like_the_same_units_in_ADTS()
    {
        var file = Gapless(Builder() with { Co64 = true, SamplesPerChunk = 7, MoovFirst = true });

        var ours = Decode(file);
        var ffmpeg = Mp4Fixtures.FfmpegDecode(file, mono: false);

        var source = Mp4Fixtures.SourceSamples(Rate, 1);
        var adts = AdtsAacDecoder.Decode(Mp4Fixtures.EncodeAdts(Rate, 1)).Audio!.Samples;
        var snr = SignalComparison.SnrDb(ours, ffmpeg, lag: 0);
        output.WriteLine($"co64, 7 samples per chunk: SNR {snr:F1} dB against ffmpeg; length ours {ours.Length}, ffmpeg {ffmpeg.Length}, source {source}");
        Assert.True(snr >= 40, $"SNR {snr:F1} dB");
        Assert.Equal(source, ours.Length);
        Assert.Equal(adts.AsSpan(Priming, source).ToArray(), ours);
    }

    [FfmpegFact]
    public void ITunSMPB_priming_and_length_trim_as_the_edit_list_does()
    {
        var source = Mp4Fixtures.SourceSamples(Rate, 1);
        var units = Units();
        var padding = (units.Count * 1024) - Priming - source;
        var file = (Builder() with { ITunSmpb = $" 00000000 {Priming:X8} {padding:X8} {source:X16} 00000000 00000000" }).Build();

        var ours = Decode(file);
        var ffmpeg = Mp4Fixtures.FfmpegDecode(file, mono: false);

        var (ncc, lag) = Measure.BestNcc(ffmpeg, ours, 2048);
        output.WriteLine($"iTunSMPB: length ours {ours.Length}, ffmpeg {ffmpeg.Length}, source {source}; NCC {ncc:F7} at lag {lag}");
        Assert.Equal(Decode(Gapless(Builder())), ours);
        Assert.Equal(0, lag);   // ffmpeg drops the iTunSMPB priming too
    }

    [FfmpegFact]
    public void Without_edit_list_or_iTunSMPB_nothing_but_the_sample_table_duration_is_trimmed()
    {
        var units = Units();
        var source = Mp4Fixtures.SourceSamples(Rate, 1);
        var last = source + Priming - ((units.Count - 1) * 1024) + 100;   // 100 samples more than the gapless length

        var ours = Decode((Builder() with { LastSampleDuration = last }).Build());

        Assert.Equal(Priming + source + 100, ours.Length);
        Assert.Equal(Decode(Gapless(Builder())), ours.AsSpan(Priming, source).ToArray());
    }

    [FfmpegFact]
    public void An_explicit_sampling_rate_decodes_with_the_tables_of_its_standard_rate()
    {
        // sampling_frequency_index 15 followed by the rate in 24 bits: 16000 Hz, the tables of index 8.
        var config = Mp4FileBuilder.Bits((2, 5), (15, 4), (Rate, 24), (1, 4), (0, 3));

        var explicitRate = Decode(Gapless(Builder() with { Config = config }));

        Assert.Equal(Decode(Gapless(Builder())), explicitRate);
    }

    [FfmpegFact]
    public void A_co64_offset_above_4_GiB_is_refused_not_truncated_to_32_bits()
    {
        var file = Gapless(Builder() with { Co64 = true, OffsetBias = 1L << 32 });

        var error = new Mp4AacDecoder().DecodeChannels(file, "far.m4a", default).Error!;

        Assert.Equal("IVR3120", error.Code);
        Assert.Contains("past the end of the file", error.Message);
    }

    internal static List<byte[]> Units() => Mp4Fixtures.AccessUnits(Mp4Fixtures.EncodeAdts(Rate, 1));

    internal static Mp4FileBuilder Builder() => new(Mp4FileBuilder.LcConfig(8, 1), Units(), Rate, 1) { MovieTimescale = Rate };

    /// <summary>The edit list and last sample duration an encoder writes: priming skipped, the source's length kept.</summary>
    internal static byte[] Gapless(Mp4FileBuilder builder)
    {
        var source = Mp4Fixtures.SourceSamples(Rate, 1);
        var last = source + Priming - ((builder.AccessUnits.Count - 1) * 1024);
        return (builder with { Edit = ((uint)source, Priming), LastSampleDuration = last }).Build();
    }

    private static float[] Decode(byte[] file)
    {
        var result = new Mp4AacDecoder().DecodeChannels(file, "built.m4a", default);
        Assert.Null(result.Error);
        return result.Audio!.Samples;
    }
}
