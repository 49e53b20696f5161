using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>Inputs the decoder must refuse, each with its own code that names what was found.</summary>
public class AacRejectionTests
{
    [Fact]
    public void A_crafted_silent_LC_stream_decodes_to_silence()
    {
        var stream = AdtsFrameBuilder.Repeat(new AdtsFrameBuilder().SilentSingleChannel().End().Build(), 3);

        var audio = AdtsAacDecoder.Decode(stream).Audio!;

        Assert.Equal((16000, 1, 3 * 1024), (audio.SampleRate, audio.Channels, audio.Samples.Length));
        Assert.All(audio.Samples, s => Assert.Equal(0f, s));
    }

    [Fact]
    public void SBR_fill_data_is_rejected_as_HE_AAC()
    {
        var stream = AdtsFrameBuilder.Repeat(new AdtsFrameBuilder().SbrFill().SilentSingleChannel().End().Build(), 2);

        var error = AdtsAacDecoder.Decode(stream, "he.aac").Error!;

        Assert.Equal("IVR3143", error.Code);
        Assert.Contains("HE-AAC", error.Message);
        Assert.Contains("frame 0", error.Message);
        Assert.Contains("-c:a pcm_s16le prompt.wav", error.Message); // a WAV: an AAC re-encode by ffmpeg would miss the bitrate rule
    }

    [Fact]
    public void SBR_fill_data_can_be_decoded_as_its_core_and_is_then_reported()
    {
        var stream = AdtsFrameBuilder.Repeat(new AdtsFrameBuilder().SbrFill().SilentSingleChannel().End().Build(), 2);

        var audio = AdtsAacDecoder.Decode(stream, "he.aac", AacSbrHandling.DecodeCoreOnly).Audio!;

        Assert.True(audio.SbrIgnored);
        Assert.Equal(2 * 1024, audio.Samples.Length);
    }

    [Theory]
    [InlineData(0, "Main")]
    [InlineData(2, "SSR")]
    [InlineData(3, "LTP")]
    public void Profiles_other_than_LC_are_rejected(int profile, string name)
    {
        var stream = new AdtsFrameBuilder().SilentSingleChannel().End().Build(profile: profile);

        var error = AdtsAacDecoder.Decode(stream).Error!;

        Assert.Equal("IVR3142", error.Code);
        Assert.Contains($"AAC {name} (ADTS profile field {profile})", error.Message);
    }

    [Fact]
    public void A_layout_given_only_by_a_program_config_element_is_rejected()
    {
        var stream = new AdtsFrameBuilder().SilentSingleChannel().End().Build(channelConfiguration: 0);

        Assert.Equal("IVR3144", AdtsAacDecoder.Decode(stream).Error!.Code);
    }

    [Fact]
    public void A_frame_with_more_channels_than_its_header_is_rejected_naming_the_frame()
    {
        var good = new AdtsFrameBuilder().SilentSingleChannel().End().Build();
        var twoChannels = new AdtsFrameBuilder().SilentSingleChannel().SilentSingleChannel().End().Build();

        var error = AdtsAacDecoder.Decode([.. good, .. twoChannels]).Error!;

        Assert.Equal("IVR3140", error.Code);
        Assert.Contains("frame 1", error.Message);
        Assert.Contains("more channels than its header declares", error.Message);
    }

    [Fact]
    public void A_change_of_sampling_rate_mid_stream_is_rejected()
    {
        var stream = AacFixtures.Stream("speech_8k_mono").Concat(AacFixtures.Stream("speech_16k_mono")).ToArray();

        var error = AdtsAacDecoder.Decode(stream).Error!;

        Assert.Equal("IVR3145", error.Code);
        Assert.Contains("sampling rate from 8000 to 16000", error.Message);
    }

    [Fact]
    public void A_truncated_last_frame_is_rejected_naming_it()
    {
        var stream = AacFixtures.Stream("speech_16k_mono");
        var frameStarts = FrameStarts(stream);
        var cut = stream.AsSpan(0, frameStarts[5] + 20).ToArray();

        var error = AdtsAacDecoder.Decode(cut).Error!;

        // Truncated (IVR1005), not damaged: IVR3140's advice, re-encoding this file, would ship the cut prompt.
        Assert.Equal("IVR1005", error.Code);
        Assert.Contains($"the file ends inside the ADTS frame at byte {frameStarts[5]:N0} (", error.Message);
        Assert.Contains("20 present)", error.Message);
    }

    [Theory]
    [InlineData(new byte[0], "the file is empty")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A' }, "no ADTS sync word")]
    public void Input_without_ADTS_frames_is_not_ADTS(byte[] input, string found)
    {
        var error = AdtsAacDecoder.Decode(input).Error!;

        Assert.Equal("IVR3141", error.Code);
        Assert.Contains(found, error.Message);
    }

    [Fact]
    public void An_ID3_tag_in_front_is_skipped()
    {
        var frame = new AdtsFrameBuilder().SilentSingleChannel().End().Build();
        byte[] tag = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5];

        Assert.Null(AdtsAacDecoder.Decode([.. tag, .. frame]).Error);
    }

    [Fact]
    public void A_stream_of_tiny_frames_longer_than_ten_minutes_is_stopped()
    {
        // 8 kHz: ten minutes are 4688 blocks of 1024 samples; each silent frame is 11 bytes.
        var stream = AdtsFrameBuilder.Repeat(new AdtsFrameBuilder().SilentSingleChannel().End().Build(sampleRateIndex: 11), 4700);

        var error = AdtsAacDecoder.Decode(stream).Error!;

        Assert.Equal("IVR3146", error.Code);
        Assert.Contains("stopped at ADTS frame 4687", error.Message);
    }

    private static List<int> FrameStarts(byte[] stream)
    {
        var starts = new List<int>();
        for (var offset = 0; offset + 7 <= stream.Length;)
        {
            starts.Add(offset);
            offset += ((stream[offset + 3] & 3) << 11) | (stream[offset + 4] << 3) | (stream[offset + 5] >> 5);
        }

        return starts;
    }
}
