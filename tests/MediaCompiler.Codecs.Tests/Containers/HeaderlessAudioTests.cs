using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Containers;

/// <summary>
/// Asterisk's headerless sound files (a FreePBX prompt library): the extension names the format, the probe reports
/// it, and the prompt decoder's in-process decode is ffmpeg's decode of the same bytes read as that raw format, sample
/// for sample (G.722 and GSM 06.10, decoded by libgsm in ffmpeg, bit-exact as in WAV). Each is refused as a prompt (IVR1101) and decodable, so fix converts it.
/// </summary>
public sealed class HeaderlessAudioTests
{
    public static TheoryData<string, string, string, int> Files() => new()
    {
        { "ulaw", "mulaw", "mulaw", 8000 },
        { "ul", "mulaw", "mulaw", 8000 },
        { "pcm", "mulaw", "mulaw", 8000 },
        { "alaw", "alaw", "alaw", 8000 },
        { "sln", "s16le", "pcm_s16le", 8000 },
        { "sln16", "s16le", "pcm_s16le", 16000 },
        { "sln48", "s16le", "pcm_s16le", 48000 },
        { "g722", "g722", "g722", 16000 },
        { "gsm", "gsm", "gsm", 8000 },
    };

    [FfmpegTheory]
    [MemberData(nameof(Files))]
    public void Decodes_like_ffmpeg_reading_the_raw_format(string extension, string ffmpegFormat, string ourCodec, int sampleRate)
    {
        var directory = Directory.CreateTempSubdirectory("raw-").FullName;
        try
        {
            var rate = sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var path = Path.Combine(directory, "prompt." + extension);
            var reference = Path.Combine(directory, "reference.f32");
            File.WriteAllBytes(Path.Combine(directory, "source.wav"), WavWriter.Pcm16(WavWriter.ToPcm16(Signals.SpeechWithClicks(sampleRate, 1, 0.5)), sampleRate, 1));
            string[] encoder = ffmpegFormat == "gsm" ? ["-c:a", "libgsm"] : [];
            Ffmpeg.Run(["-i", Path.Combine(directory, "source.wav"), "-ar", rate, .. encoder, "-f", ffmpegFormat, path]);
            string[] input = ffmpegFormat is "g722" or "gsm" ? ["-f", ffmpegFormat] : ["-f", ffmpegFormat, "-ar", rate, "-ac", "1"];
            Ffmpeg.Run([.. input, "-i", path, "-f", "f32le", reference]);
            var expected = Mp3Reference.SplitChannels(File.ReadAllBytes(reference), 1)[0];
            var bytes = File.ReadAllBytes(path);
            var probe = AudioProbe.Probe(path);

            var result = PromptDecoder.Decode(bytes, path, probe);

            Assert.Equal(AudioContainer.Raw, probe.Container);
            Assert.Equal(ourCodec, probe.Codec);
            Assert.Equal(sampleRate, probe.SampleRate);
            Assert.Equal(1, probe.Channels);
            Assert.InRange(probe.DurationSeconds!.Value, 0.49, 0.51);
            Assert.Contains("IVR1101", MediaCompiler.Audio.Rules.PromptValidator.Validate(probe).Diagnostics.Select(d => d.Code));
            Assert.Null(result.Error);
            ReferenceDecodes.AssertSameSamples(expected, result.Audio!.Samples);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Magic bytes win over the name: a WAV named .ulaw is a WAV (refused for its name, not misread as mu-law).</summary>
    [Fact]
    public void A_file_with_magic_bytes_is_what_they_say_whatever_its_name()
    {
        var wav = WavWriter.Pcm16(WavWriter.ToPcm16(Signals.Tone(440, 0.5, 8000, 0.2)), 8000, 1);

        var probe = AudioProbe.Probe(new MemoryStream(wav, writable: false), "prompt.ulaw");

        Assert.Equal(AudioContainer.Wav, probe.Container);
    }
}
