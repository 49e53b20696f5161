using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Audio.Tests;

/// <summary>
/// Files written by real tools that the parsers used to misread (issue #10). Each fixture is made by the tool named
/// in build/make-fixtures.sh; the oracles are ffprobe's values recorded in expected.json and the bytes themselves.
/// </summary>
public class RealToolMisreadingTests
{
    [Theory]
    [InlineData("pipe_ffmpeg_8k_mono.wav", "0xFFFFFFFF")]
    [InlineData("espeak_stdout_22k_mono.wav", "0x7FFFF000")]
    public void Pipe_written_wav_sizes_are_read_to_the_end_of_the_file_with_a_note(string name, string placeholder)
    {
        var path = FixtureCorpus.PathOf(name);
        var ffprobe = FixtureCorpus.Expected[name].Ffprobe!;

        var probe = AudioProbe.Probe(path);

        var note = Assert.Single(probe.Diagnostics);
        Assert.Equal("IVR1011", note.Code);
        Assert.False(note.IsError);
        Assert.Contains(placeholder, note.Message, StringComparison.Ordinal);
        Assert.Equal(new FileInfo(path).Length - probe.AudioDataOffset, probe.AudioDataBytes);
        Assert.InRange(probe.DurationSeconds!.Value, ffprobe.Duration!.Value - 0.001, ffprobe.Duration.Value + 0.001);
    }

    [Fact]
    public void A_cbr_mp3_without_an_info_tag_reports_its_frames_nominal_bitrate()
    {
        // LAME -t -b 64 at 44.1 kHz: frames of 208 and 209 bytes average just under 64,000 b/s.
        var probe = AudioProbe.Probe(FixtureCorpus.PathOf("lame_cbr64_44k_mono.mp3"));

        Assert.Equal(FixtureCorpus.Expected["lame_cbr64_44k_mono.mp3"].Ffprobe!.StreamBitRate, probe.Bitrate);
        Assert.Equal(64_000, probe.Bitrate);
    }

    [Fact]
    public void A_file_of_only_id3v2_tags_has_no_audio_and_says_so()
    {
        var verdict = PromptValidator.Validate(FixtureCorpus.PathOf("id3_only.mp3"));

        var error = Assert.Single(verdict.Diagnostics);
        Assert.Equal("IVR1008", error.Code);
        Assert.DoesNotContain("declare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ogg_cover_art_does_not_count_towards_the_bitrate()
    {
        var withCover = AudioProbe.Probe(FixtureCorpus.PathOf("vorbis_cover_16k_mono.ogg"));
        var plain = AudioProbe.Probe(FixtureCorpus.PathOf("vorbis_16k_mono.ogg"));
        var packets = FixtureCorpus.Expected["vorbis_cover_16k_mono.ogg"].Ffprobe!.PacketBitRate!.Value;

        // The same audio encoded the same way: the picture adds thousands of bytes but not one bit per second of audio.
        Assert.True(new FileInfo(FixtureCorpus.PathOf("vorbis_cover_16k_mono.ogg")).Length > new FileInfo(FixtureCorpus.PathOf("vorbis_16k_mono.ogg")).Length * 1.2);
        Assert.Equal(plain.Bitrate, withCover.Bitrate);
        Assert.InRange(withCover.Bitrate!.Value, packets, packets * 1.06);
    }

    [Fact]
    public void Rifx_extensible_reads_its_sub_format_guid_big_endian()
    {
        var probe = AudioProbe.Probe(FixtureCorpus.PathOf("rifx_extensible_pcm24_8k_mono.wav"));

        Assert.Equal(AudioContainer.Rifx, probe.Container);
        Assert.Equal("pcm_s24be", probe.Codec);
        Assert.Equal("24-bit linear PCM", probe.CodecDescription);
    }

    [Theory]
    [InlineData("opus_16k_mono.ogg", 16000)]
    [InlineData("opus_from_24k_mono.ogg", 24000)]
    public void Opus_reports_its_input_rate_and_its_48k_decode_rate(string name, int inputRate)
    {
        var probe = AudioProbe.Probe(FixtureCorpus.PathOf(name));

        Assert.Equal(inputRate, probe.SampleRate);
        Assert.Equal(FixtureCorpus.Expected[name].Ffprobe!.SampleRate, probe.DecodedSampleRate); // ffprobe: 48000
    }

    [Fact]
    public void The_opus_rate_rule_names_the_rate_it_judges()
    {
        var verdict = PromptValidator.Validate(FixtureCorpus.PathOf("opus_from_24k_mono.ogg"));

        var error = Assert.Single(verdict.Diagnostics);
        Assert.Equal("IVR1103", error.Code);
        Assert.Contains("24000 Hz (the OpusHead input rate, which this rule judges; the stream decodes at 48000 Hz", error.Message, StringComparison.Ordinal);
    }
}
