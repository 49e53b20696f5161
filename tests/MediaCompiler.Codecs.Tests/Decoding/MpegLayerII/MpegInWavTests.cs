using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.MpegLayerII;

/// <summary>
/// MPEG audio in a WAV (0x0055 Layer III, as ACM MP3 recorders write it; 0x0050 Layer II, broadcast WAV), written by
/// ffmpeg at test time: the prompt decoder reads the data chunk's frames in-process, and gets what ffmpeg decodes
/// from the same file.
/// </summary>
public sealed class MpegInWavTests(ITestOutputHelper output)
{
    [FfmpegTheory]
    [InlineData("mp2", "mp2", 16000, 64)]
    [InlineData("mp2", "mp2", 48000, 128)]
    [InlineData("libmp3lame", "mp3", 16000, 32)]
    [InlineData("libmp3lame", "mp3", 8000, 16)]
    public void The_data_chunk_decodes_like_ffmpeg(string encoder, string codec, int sampleRate, int kbps)
    {
        var directory = Directory.CreateTempSubdirectory("mpeg-wav-").FullName;
        try
        {
            var wav = Path.Combine(directory, "prompt.wav");
            var raw = Path.Combine(directory, "reference.f32");
            Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=1.5", "-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-ac", "1", "-c:a", encoder, "-b:a", $"{kbps}k", "-f", "wav", wav);
            Ffmpeg.Run("-i", wav, "-f", "f32le", raw);
            var bytes = File.ReadAllBytes(wav);
            var probe = AudioProbe.Probe(new MemoryStream(bytes, writable: false), "prompt.wav");

            var result = PromptDecoder.Decode(bytes, "prompt.wav", probe);

            Assert.Equal(AudioContainer.Wav, probe.Container);
            Assert.Equal(codec, probe.Codec);
            Assert.True(PromptDecoder.CanDecode(probe));
            Assert.Null(result.Error);
            Assert.Equal(sampleRate, result.Audio!.SampleRate);
            // The duration and bitrate come from the frames, as for an .mp3 (the header's byte rate and fact chunk vary by writer).
            Assert.InRange(probe.DurationSeconds!.Value, (double)result.Audio.Samples.Length / sampleRate - 0.1, (double)result.Audio.Samples.Length / sampleRate + 0.1);
            Assert.Equal(kbps * 1000, probe.Bitrate);
            new MpegLayerIIReferenceTests(output).AssertSame(Mp3Reference.SplitChannels(File.ReadAllBytes(raw), 1)[0], result.Audio.Samples, $"{codec} in WAV at {sampleRate} Hz");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
