using MediaCompiler.Audio.Tests.Builders;
using static MediaCompiler.Audio.Tests.Builders.FrameBuilder;

namespace MediaCompiler.Audio.Tests;

public class AdtsProbeTests
{
    [Fact]
    public void Adts_frames_give_profile_rate_channels_and_average_bitrate()
    {
        // 16 kHz, 1024 samples a frame: 15.625 frames/s; 400 and 700-byte frames average 550 bytes = 68.75 kbps.
        var file = Concat(Repeat(Concat(AdtsFrame(400), AdtsFrame(700)), 10));

        var probe = InMemory.Probe(file, "a.aac");

        Assert.Equal((AudioContainer.Adts, "aac", 16000, 1), (probe.Container, probe.Codec, probe.SampleRate, probe.Channels));
        Assert.Equal("AAC LC (ADTS)", probe.CodecDescription);
        Assert.Equal(68_750, probe.Bitrate);
        Assert.Equal(20 * 1024 / 16000.0, probe.DurationSeconds!.Value, 6);
        Assert.True(InMemory.Validate(file, "a.aac").IsValid);
    }

    [Fact]
    public void Multiple_raw_data_blocks_count_their_samples()
    {
        var probe = InMemory.Probe(Repeat(AdtsFrame(1000, rawBlocks: 2), 8), "a.aac");

        Assert.Equal(8 * 2048 / 16000.0, probe.DurationSeconds!.Value, 6);
        Assert.Equal(62_500, probe.Bitrate);
    }

    [Theory]
    [InlineData(11, 8000)]
    [InlineData(3, 48000)]
    public void The_sampling_index_table_is_used(int index, int rate) =>
        Assert.Equal(rate, InMemory.Probe(Repeat(AdtsFrame(300, samplingIndex: index), 6), "a.aac").SampleRate);

    [Fact]
    public void A_stream_that_changes_its_parameters_mid_way_is_cut_there()
    {
        var file = Concat(Repeat(AdtsFrame(500), 6), Repeat(AdtsFrame(500, samplingIndex: 3), 6));

        var probe = InMemory.Probe(file, "a.aac");

        Assert.Equal(16000, probe.SampleRate);
        Assert.Equal(500 * 8 * 16000 / 1024, probe.Bitrate);
    }

    [Fact]
    public void An_mp4_container_under_aac_is_named()
    {
        byte[] ftyp = [0, 0, 0, 20, .. "ftypM4A "u8, 0, 0, 2, 0, .. "isom"u8];

        var validation = InMemory.Validate(ftyp, "prompt.aac");

        Assert.Equal(AudioContainer.Mp4, validation.Probe.Container);
        var diagnostic = Assert.Single(validation.Diagnostics, d => d.Code == "IVR1004");
        Assert.Contains("MP4 container (brand 'M4A')", diagnostic.Message, StringComparison.Ordinal);
        // A file type box and nothing else: no 'moov', so nothing any reader can decode (IVR1010).
        Assert.Contains(validation.Diagnostics, d => d.Code == "IVR1010" && d.Message.Contains("no 'moov' box", StringComparison.Ordinal));
    }

    [Fact]
    public void Adif_under_aac_is_named()
    {
        var validation = InMemory.Validate([.. "ADIF"u8, .. new byte[60]], "prompt.aac");

        Assert.Equal(AudioContainer.Adif, validation.Probe.Container);
        Assert.Equal(["IVR1004"], validation.Codes());
        Assert.Contains("AAC (ADIF)", validation.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}
