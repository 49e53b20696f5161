using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// MP3 in MP4/M4A (object type 0x6B or 0x69 in the 'mp4a' entry's esds, no AudioSpecificConfig), as ffmpeg writes it:
/// named MP3 by the probe, not taken for AAC, decoded in-process like ffmpeg's own decoder (mp3float) decodes it (the
/// bar of the MP3 reference matrix: NCC 0.999, every 10 ms window 0.99), and trimmed to the edit list: the source's
/// length, where ffmpeg's decode keeps the encoder's delay and padding.
/// Before, the AAC path read the esds and called the file damaged ("descriptor tag 6 where tag 5 belongs").
/// </summary>
public sealed class Mp4Mp3DecoderTests(ITestOutputHelper output)
{
    [FfmpegTheory]
    [InlineData(16000, 1, "32k")]
    [InlineData(44100, 2, "128k")]
    [InlineData(22050, 1, "24k")]
    public void Mp3_in_mp4_decodes_like_ffmpeg(int rate, int channels, string bitrate)
    {
        var m4a = ReferenceDecodes.Encode(Signals.SpeechWithClicks(rate, channels, 1.5), rate, channels, "m4a", "-c:a", "libmp3lame", "-b:a", bitrate, "-f", "mp4");
        var probe = AudioProbe.Probe(new MemoryStream(m4a, writable: false), "prompt.m4a");

        var result = PromptDecoder.Decode(m4a, "prompt.m4a", probe);

        Assert.Equal((AudioContainer.Mp4, "mp3"), (probe.Container, probe.Codec));
        Assert.Equal(1.5, probe.DurationSeconds ?? 0, 2);
        var audio = result.Audio ?? throw new Xunit.Sdk.XunitException(result.Error!.ToString());
        var reference = ReferenceDecodes.DecodeMono(m4a, "m4a", "mp3float", rate, channels);
        var comparison = MatrixComparison.Measure(audio.Samples, reference[..audio.Samples.Length], rate, rate / 100);
        output.WriteLine($"{rate} Hz {channels} ch {bitrate}: {comparison}");
        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal((int)(rate * 1.5), audio.Samples.Length);
        Assert.Equal(0, comparison.Lag);
        Assert.True(comparison.Ncc >= 0.999, comparison.ToString());
        Assert.True(comparison.WorstWindowNcc >= 0.99, comparison.ToString());
    }
}
