using MediaCompiler.Audio.Probing;
using MediaCompiler.Audio.Tests.Builders;
using static MediaCompiler.Audio.Tests.Builders.OggBuilder;

namespace MediaCompiler.Audio.Tests;

public class OggProbeTests
{
    [Fact]
    public void The_crc_table_matches_the_bitwise_definition()
    {
        var random = new Random(99);
        for (var i = 0; i < 50; i++)
        {
            var page = new byte[random.Next(27, 600)];
            random.NextBytes(page);
            page.AsSpan(22, 4).Clear();

            Assert.Equal(Crc(page), OggCrc.Compute(page));
        }
    }

    [Fact]
    public void Vorbis_identification_and_duration_from_the_last_granule()
    {
        var file = OggBuilder.Stream(VorbisId(1, 16000), finalGranule: 24000);

        var validation = InMemory.Validate(file, "menu.ogg");

        var probe = validation.Probe;
        Assert.Equal((AudioContainer.Ogg, "vorbis", 16000, 1), (probe.Container, probe.Codec, probe.SampleRate, probe.Channels));
        Assert.Equal(1.5, probe.DurationSeconds);
        // The identification page (27-byte header, one lacing value, the packet) is not audio: only the rest counts.
        var headerPage = 27 + 1 + VorbisId(1, 16000).Length;
        Assert.Equal((long)Math.Round((file.Length - headerPage) * 8 / 1.5), probe.Bitrate);
        Assert.True(validation.IsValid);
    }

    [Fact]
    public void Opus_reports_its_input_rate_and_counts_48k_granules_after_pre_skip()
    {
        var file = OggBuilder.Stream(OpusHead(1, 8000, preSkip: 312), finalGranule: 48312);

        var probe = InMemory.Probe(file, "a.ogg");

        Assert.Equal(("opus", 8000, 1), (probe.Codec, probe.SampleRate, probe.Channels));
        Assert.Equal(1.0, probe.DurationSeconds);
    }

    [Fact]
    public void Flac_in_ogg_is_recognised_and_rejected()
    {
        var validation = InMemory.Validate(OggBuilder.Stream(FlacHead(16000, 1, 16), 8000), "a.ogg");

        Assert.Equal(("flac", 16000, 1, 16), (validation.Probe.Codec, validation.Probe.SampleRate, validation.Probe.Channels, validation.Probe.BitsPerSample));
        Assert.Equal(["IVR1107"], validation.Codes());
        Assert.Contains("holding FLAC", validation.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Speex_is_recognised_and_rejected()
    {
        var validation = InMemory.Validate(OggBuilder.Stream(SpeexHead(8000, 1), 8000), "a.ogg");

        Assert.Equal(("speex", 8000), (validation.Probe.Codec, validation.Probe.SampleRate));
        Assert.Equal(["IVR1107"], validation.Codes());
    }

    [Fact]
    public void A_skeleton_stream_is_skipped_to_reach_the_audio()
    {
        var skeleton = Page(SkeletonHead(), 0, serial: 1, headerType: BeginningOfStream);
        var file = FrameBuilder.Concat(skeleton, OggBuilder.Stream(VorbisId(1, 8000), 8000, serial: 2));

        var probe = InMemory.Probe(file, "a.ogg");

        Assert.Equal(("vorbis", 8000), (probe.Codec, probe.SampleRate));
        Assert.Equal(1.0, probe.DurationSeconds);
    }

    [Fact]
    public void A_chained_file_is_refused_not_read_as_its_first_stream()
    {
        // Two files joined end to end: a decoder reading one stream would play the first 1.5 s and drop the rest.
        var file = FrameBuilder.Concat(OggBuilder.Stream(VorbisId(1, 16000), 24000, serial: 1), OggBuilder.Stream(VorbisId(1, 16000), 24000, serial: 2));

        var validation = InMemory.Validate(file, "joined.ogg");

        var error = validation.Diagnostics.Single(d => d.Code == "IVR1019");
        Assert.Contains("chained", error.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg -i \"joined.ogg\" -map 0:a:0", error.Message, StringComparison.Ordinal);
        Assert.False(validation.IsValid);
    }

    [Fact]
    public void Two_audio_streams_side_by_side_are_refused()
    {
        var file = FrameBuilder.Concat(
            Page(VorbisId(1, 16000), 0, serial: 1, headerType: BeginningOfStream),
            Page(VorbisId(1, 8000), 0, serial: 2, headerType: BeginningOfStream),
            Page(new byte[300], 8000, serial: 1, sequence: 1),
            Page(new byte[300], 4000, serial: 2, sequence: 1),
            Page(new byte[100], 16000, serial: 1, sequence: 2, headerType: EndOfStream),
            Page(new byte[100], 8000, serial: 2, sequence: 2, headerType: EndOfStream));

        var validation = InMemory.Validate(file, "two.ogg");

        Assert.Contains("2 audio streams", validation.Diagnostics.Single(d => d.Code == "IVR1019").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_beside_video_or_a_skeleton_is_one_audio_stream()
    {
        // A Theora + Vorbis file whose last page is video, and a Skeleton before the audio: one audio stream each.
        var withVideo = FrameBuilder.Concat(
            Page(TheoraHead(), 0, serial: 7, headerType: BeginningOfStream),
            Page(VorbisId(1, 16000), 0, serial: 8, headerType: BeginningOfStream),
            Page(new byte[300], 16000, serial: 8, sequence: 1, headerType: EndOfStream),
            Page(new byte[300], 25, serial: 7, sequence: 1, headerType: EndOfStream));
        var withSkeleton = FrameBuilder.Concat(Page(SkeletonHead(), 0, serial: 1, headerType: BeginningOfStream), OggBuilder.Stream(VorbisId(1, 8000), 8000, serial: 2));

        Assert.DoesNotContain("IVR1019", InMemory.Validate(withVideo, "a.ogg").Codes());
        Assert.DoesNotContain("IVR1019", InMemory.Validate(withSkeleton, "b.ogg").Codes());
    }

    [Fact]
    public void A_video_only_ogg_is_named()
    {
        var validation = InMemory.Validate(OggBuilder.Stream(TheoraHead(), 100), "a.ogg");

        Assert.Equal("theora", validation.Probe.Codec);
        Assert.Contains("Theora video", validation.Diagnostics.Single(d => d.Code == "IVR1107").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crc_mismatch_on_the_first_page_is_corruption()
    {
        var file = FrameBuilder.Concat(Page(VorbisId(1, 16000), 0, headerType: BeginningOfStream, corruptCrc: true), Page(new byte[10], 100, sequence: 1));

        var probe = InMemory.Probe(file, "a.ogg");

        Assert.Equal(["IVR1009"], probe.Codes());
        Assert.Contains("CRC", probe.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_last_page_is_not_trusted_for_the_duration()
    {
        var file = FrameBuilder.Concat(OggBuilder.Stream(VorbisId(1, 16000), 16000), Page(new byte[10], 999_999, sequence: 5, corruptCrc: true));

        Assert.Equal(1.0, InMemory.Probe(file, "a.ogg").DurationSeconds);
    }

    [Fact]
    public void A_file_cut_inside_its_last_page_is_truncated()
    {
        var file = OggBuilder.Stream(VorbisId(1, 16000), 16000);

        var probe = InMemory.Probe(file[..^40], "a.ogg");

        Assert.Equal(["IVR1005"], probe.Codes());
        Assert.Equal(0.75, probe.DurationSeconds); // From the last complete page.
    }

    [Fact]
    public void A_first_page_that_does_not_begin_a_stream_is_corrupt() =>
        Assert.Equal(["IVR1009"], InMemory.Probe(Page(VorbisId(1, 16000), 0), "a.ogg").Codes());

    [Fact]
    public void A_cut_identification_header_is_an_invalid_header() =>
        Assert.Equal(["IVR1010"], InMemory.Probe(Page(VorbisId(1, 16000)[..20], 0, headerType: BeginningOfStream), "a.ogg").Codes());

    [Fact]
    public void A_bit_flip_in_a_real_page_breaks_its_crc()
    {
        var file = File.ReadAllBytes(FixtureCorpus.PathOf("vorbis_16k_mono.ogg"));
        file[40] ^= 0x10;

        Assert.Contains("IVR1009", InMemory.Probe(file, "a.ogg").Codes());
    }
}
