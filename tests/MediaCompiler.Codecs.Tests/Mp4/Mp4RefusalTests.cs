using MediaCompiler.Codecs.Decoding.Aac;
using MediaCompiler.Codecs.Decoding.Mp4;
using MediaCompiler.Codecs.Tests.Aac;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// MP4 tracks the AAC-LC decoder must refuse, each with the code (and for HE-AAC the very fix command) the ADTS path
/// gives for the same kind of stream.
/// </summary>
public sealed class Mp4RefusalTests
{
    private const string FileName = "he.m4a";

    public static TheoryData<string, byte[]> HeAacConfigs() => new()
    {
        // object type 5 (SBR): core index 8 (16 kHz), mono, extension index 5 (32 kHz), then the core's object type 2.
        { "object type 5", Mp4FileBuilder.Bits((5, 5), (8, 4), (1, 4), (5, 4), (2, 5), (0, 3)) },
        { "object type 29", Mp4FileBuilder.Bits((29, 5), (8, 4), (1, 4), (5, 4), (2, 5), (0, 3)) },
        // AAC-LC, then the backward-compatible sync extension 0x2B7, extension object type 5, sbrPresentFlag 1, index 5.
        { "sync extension", Mp4FileBuilder.Bits((2, 5), (8, 4), (1, 4), (0, 3), (0x2B7, 11), (5, 5), (1, 1), (5, 4)) },
    };

    [Theory]
    [MemberData(nameof(HeAacConfigs))]
    public void HE_AAC_signalled_in_the_config_is_refused_with_the_ADTS_code_and_fix(string signalling, byte[] config)
    {
        var file = SilentTrack(config, SilentUnit()).Build();

        var error = new Mp4AacDecoder().DecodeChannels(file, FileName, default).Error!;

        Assert.True(error.Code == "IVR3143", $"{signalling}: {error.Message}");
        Assert.Contains("16000 Hz AAC-LC core", error.Message);
        Assert.Equal(FixOf(AdtsHeAacError()), FixOf(error.Message));
    }

    [FfmpegFact]
    public void An_M4A_from_ffmpeg_with_the_HE_AAC_profile_is_refused_like_ADTS()
    {
        // ffmpeg's own encoder has no SBR tools, but with -profile:a aac_he it declares object type 5 in the config.
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false, extra: "-profile:a aac_he");

        var error = new Mp4AacDecoder().DecodeChannels(file, FileName, default).Error!;

        Assert.Equal("IVR3143", error.Code);
        Assert.Contains("audio object type 5", error.Message);
        Assert.Equal(FixOf(AdtsHeAacError()), FixOf(error.Message));
    }

    [Fact]
    public void HE_AAC_signalled_only_by_SBR_data_in_the_stream_is_refused_like_ADTS()
    {
        var sbrUnit = new AdtsFrameBuilder().SbrFill().SilentSingleChannel().End().Build()[7..];
        var file = SilentTrack(Mp4FileBuilder.LcConfig(8, 1), sbrUnit).Build();

        var error = new Mp4AacDecoder().DecodeChannels(file, FileName, default).Error!;

        Assert.Equal("IVR3143", error.Code);
        Assert.Contains("access unit 0 carries SBR", error.Message);
        Assert.Equal(FixOf(AdtsHeAacError()), FixOf(error.Message));
    }

    [Fact]
    public void A_silent_LC_track_decodes_to_silence()
    {
        var audio = new Mp4AacDecoder().DecodeChannels(SilentTrack(Mp4FileBuilder.LcConfig(8, 1), SilentUnit()).Build(), "x.m4a", default).Audio!;

        Assert.Equal((16000, 1, 3 * 1024), (audio.SampleRate, audio.Channels, audio.Samples.Length));
        Assert.All(audio.Samples, s => Assert.Equal(0f, s));
    }

    [Theory]
    [InlineData(1, "IVR3142", "AAC Main")]
    [InlineData(4, "IVR3142", "AAC LTP")]
    public void Other_object_types_are_refused_as_profiles(int objectType, string code, string named)
    {
        var config = Mp4FileBuilder.Bits((objectType, 5), (8, 4), (1, 4), (0, 3));

        var error = new Mp4AacDecoder().DecodeChannels(SilentTrack(config, SilentUnit()).Build(), "x.m4a", default).Error!;

        Assert.Equal(code, error.Code);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_layout_given_by_a_program_config_element_is_refused()
    {
        var error = new Mp4AacDecoder().DecodeChannels(SilentTrack(Mp4FileBuilder.LcConfig(8, 0), SilentUnit()).Build(), "x.m4a", default).Error!;

        Assert.Equal("IVR3144", error.Code);
    }

    [Fact]
    public void MPEG_audio_in_an_mp4a_entry_is_not_taken_for_AAC()
    {
        var builder = SilentTrack(Mp4FileBuilder.LcConfig(8, 1), SilentUnit()) with { ObjectTypeIndication = 0x6B };

        var error = new Mp4AacDecoder().DecodeChannels(builder.Build(), "x.m4a", default).Error!;

        Assert.Equal("IVR3121", error.Code);
        Assert.Contains("0x6B", error.Message);
    }

    private static byte[] SilentUnit() => new AdtsFrameBuilder().SilentSingleChannel().End().Build()[7..];

    private static Mp4FileBuilder SilentTrack(byte[] config, byte[] unit) => new(config, [unit, unit, unit], 16000, 1);

    private static string AdtsHeAacError() => AdtsAacDecoder.Decode(
        AdtsFrameBuilder.Repeat(new AdtsFrameBuilder().SbrFill().SilentSingleChannel().End().Build(), 2), FileName).Error!.Message;

    private static string FixOf(string message) => message[message.IndexOf(" Fix: ", StringComparison.Ordinal)..];
}
