using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Aiff;

/// <summary>
/// AIFF and AIFF-C as ffmpeg and sox write them (every sample format ffmpeg's AIFF muxer takes, mono and stereo, and
/// a rate whose 80-bit extended encoding is not a round number): the probe agrees with the header, and the prompt
/// decoder's in-process mono mix is ffmpeg's decode, averaged over the channels, sample for sample.
/// </summary>
public sealed class AiffReaderTests
{
    [FfmpegTheory]
    [InlineData("pcm_s16be", 1, 44100, "pcm_s16be")]
    [InlineData("pcm_s16be", 2, 48000, "pcm_s16be")]
    [InlineData("pcm_s24be", 2, 44100, "pcm_s24be")]
    [InlineData("pcm_s32be", 1, 16000, "pcm_s32be")]
    [InlineData("pcm_s8", 1, 8000, "pcm_s8")]
    [InlineData("pcm_s16le", 1, 22050, "pcm_s16le")]
    [InlineData("pcm_f32be", 2, 96000, "pcm_f32be")]
    [InlineData("pcm_f64be", 1, 11025, "pcm_f64be")]
    [InlineData("pcm_mulaw", 1, 8000, "mulaw")]
    [InlineData("pcm_alaw", 1, 8000, "alaw")]
    public void Decodes_like_ffmpeg(string ffmpegCodec, int channels, int sampleRate, string ourCodec)
    {
        var signal = Signals.SpeechWithClicks(sampleRate, channels, 0.5);
        var aiff = ReferenceDecodes.Encode(signal, sampleRate, channels, "aiff", "-c:a", ffmpegCodec);
        var reference = ReferenceDecodes.DecodeMono(aiff, "aiff", ffmpegCodec, sampleRate, channels);
        var probe = AudioProbe.Probe(new MemoryStream(aiff, writable: false), "prompt.aiff");

        var result = PromptDecoder.Decode(aiff, "prompt.aiff", probe);

        Assert.Equal(AudioContainer.Aiff, probe.Container);
        Assert.Equal(ourCodec, probe.Codec);
        Assert.Equal(channels, probe.Channels);
        Assert.Equal(sampleRate, probe.SampleRate);
        Assert.InRange(probe.DurationSeconds!.Value, 0.499, 0.501);
        Assert.Null(result.Error);
        Assert.Equal(reference.Length, result.Audio!.Samples.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(reference[i] - result.Audio.Samples[i]) <= 1e-6, $"sample {i}: ours {result.Audio.Samples[i]}, ffmpeg {reference[i]}");
        }
    }

    [FfmpegFact]
    public void An_aiff_prompt_is_refused_with_a_fix_that_converts_it()
    {
        var aiff = ReferenceDecodes.Encode(Signals.SpeechWithClicks(44100, 2, 0.5), 44100, 2, "aiff");
        var probe = AudioProbe.Probe(new MemoryStream(aiff, writable: false), "prompt.aiff");

        var codes = MediaCompiler.Audio.Rules.PromptValidator.Validate(probe).Diagnostics.Select(d => d.Code).ToList();

        Assert.Contains("IVR1101", codes);
        Assert.True(PromptDecoder.CanDecode(probe));
    }
}
