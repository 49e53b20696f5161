using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// FLAC in Ogg, as ffmpeg writes it (16 and 24-bit, mono and stereo): decoded in-process through the native FLAC
/// decoder and equal to ffmpeg's decode, sample for sample (FLAC is lossless); a stream cut short is refused.
/// </summary>
public sealed class OggFlacDecoderTests
{
    [FfmpegTheory]
    [InlineData(16000, 1, "s16")]
    [InlineData(44100, 2, "s16")]
    [InlineData(48000, 2, "s32")]
    public void Decodes_like_ffmpeg(int sampleRate, int channels, string sampleFormat)
    {
        var oga = ReferenceDecodes.Encode(Signals.SpeechWithClicks(sampleRate, channels, 0.7), sampleRate, channels, "oga", "-c:a", "flac", "-sample_fmt", sampleFormat);
        var reference = ReferenceDecodes.DecodeMono(oga, "oga", "flac", sampleRate, channels);
        var probe = AudioProbe.Probe(new MemoryStream(oga, writable: false), "prompt.oga");

        var result = PromptDecoder.Decode(oga, "prompt.oga", probe);

        Assert.Equal(("flac", AudioContainer.Ogg), (probe.Codec, probe.Container));
        Assert.Null(result.Error);
        ReferenceDecodes.AssertSameSamples(reference, result.Audio!.Samples);
    }

    [FfmpegFact]
    public void A_stream_cut_short_is_refused()
    {
        var oga = ReferenceDecodes.Encode(Signals.SpeechWithClicks(16000, 1, 0.7), 16000, 1, "oga", "-c:a", "flac");
        var cut = oga[..(oga.Length * 2 / 3)];

        var result = PromptDecoder.Decode(cut, "prompt.oga", AudioProbe.Probe(new MemoryStream(cut, writable: false), "prompt.oga"));

        Assert.Null(result.Audio);
        Assert.Contains(result.Error?.Code, new[] { "IVR1005", "IVR3120" }); // the probe sees the last page cut, or the decoder does
    }
}
