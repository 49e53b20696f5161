using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Mp3;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// MP3 gapless trimming measured against the encoder: lame encoded menu_16k.wav (96,008 samples) and declared its
/// delay and padding in the LAME tag; trimmed by them, the decode has the source's exact length and alignment.
/// </summary>
public sealed class Mp3GaplessTests
{
    [Fact]
    public void The_LAME_tag_declares_lames_delay_and_a_padding_that_completes_the_last_frame()
    {
        var info = LameGaplessInfo.Read(SpeechFixtures.Bytes("menu_16k_lame.mp3"));

        Assert.NotNull(info);
        // lame 3.100 always declares its 576-sample encoder delay (its MDCT look-ahead) in the tag.
        Assert.Equal(576, info.EncoderDelay);
        Assert.NotNull(info.FrameCount);
        Assert.Equal(576, info.Frame.SamplesPerFrame);
        Assert.Equal(info.FrameCount!.Value * 576, 96008 + info.EncoderDelay + info.Padding);
    }

    [Fact]
    public void The_trimmed_decode_has_the_source_wavs_length_and_alignment()
    {
        var source = PromptDecoder.Decode(SpeechFixtures.Bytes("menu_16k.wav"), "menu_16k.wav", SpeechFixtures.Probe("menu_16k.wav")).Audio!;

        var decoded = PromptDecoder.Decode(SpeechFixtures.Bytes("menu_16k_lame.mp3"), "menu_16k_lame.mp3", SpeechFixtures.Probe("menu_16k_lame.mp3")).Audio!;

        Assert.Equal(source.Samples.Length, decoded.Samples.Length);
        // Aligned, a lossy copy correlates strongly with its source; one frame of misalignment would not.
        Assert.True(Measure.Ncc(source.Samples, decoded.Samples) > 0.9, $"NCC {Measure.Ncc(source.Samples, decoded.Samples):0.000}");
        Assert.True(Measure.Ncc(source.Samples, decoded.Samples, 100) < 0.5);
    }

    [Fact]
    public void Random_bytes_named_mp3_are_a_coded_rejection()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        var probe = new MediaCompiler.Audio.AudioProbeResult { Path = "x.mp3", Container = MediaCompiler.Audio.AudioContainer.Mp3, Codec = "mp3" };

        var result = PromptDecoder.Decode(bytes, "x.mp3", probe);

        Assert.Null(result.Audio);
        Assert.Equal("IVR3120", result.Error!.Code);
    }
}
