using MediaCompiler.TestSupport;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// A prompt cut short (an interrupted copy, download or recording) is IVR1005, "truncated", in every container: not
/// "not audio" (IVR1003), "no data chunk" (IVR1007), "invalid header" (IVR1010) or "damaged" (IVR3120, IVR3140), whose
/// advice (re-encode this very file) would ship the cut prompt. Real encoders' files, cut at a tenth, half, nine tenths
/// and one byte short, through validate as a user runs it.
/// </summary>
public sealed class CutFileTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(Repository.Root, "tests", "fixtures", "audio");
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("aac_8k_mono.aac")] // ffmpeg's ADTS
    [InlineData("aac_32k_16k_mono.aac")]
    [InlineData("m4a_named.aac")] // MP4 with its index after the audio, as ffmpeg writes it by default
    [InlineData("mediarecorder_48k_mono.webm")] // a browser's MediaRecorder
    [InlineData("prompt_16k_mono.flac")] // flac's own encoder
    [InlineData("gsm_8k_mono.wav")]
    [InlineData("pcm16_16k_mono.wav")]
    [InlineData("opus_16k_mono.ogg")]
    public void A_prompt_cut_short_is_truncated(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, name));
        var wrong = new List<string>();
        foreach (var length in new[] { bytes.Length / 10, bytes.Length / 2, bytes.Length * 9 / 10, bytes.Length - 1 })
        {
            var path = _temp.Bytes($"{length}_{name}", bytes[..length]);

            var run = CliRun.Of("validate", "--platform", "genesys", path);

            if (run.ExitCode != 1 || !run.Output.Contains("error IVR1005: ") || run.Output.Contains("IVR1003")
                || run.Output.Contains("IVR1007") || run.Output.Contains("IVR1010") || run.Output.Contains("IVR3120") || run.Output.Contains("IVR3140"))
            {
                wrong.Add($"{length} of {bytes.Length} bytes: {run.Output}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>MP4 with its index first (-movflags +faststart): the cut falls in the audio the index points into.</summary>
    [FfmpegFact]
    public void An_mp4_with_its_index_first_cut_in_its_audio_is_truncated()
    {
        var m4a = _temp.PathOf("faststart.m4a");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=f=440:r=16000", "-t", "2", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", m4a);
        var bytes = File.ReadAllBytes(m4a);
        var cut = _temp.Bytes("cut.m4a", bytes[..(bytes.Length / 2)]);

        var run = CliRun.Of("validate", "--platform", "genesys", cut);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error IVR1005: ", run.Output);
        Assert.Contains("the file ends inside its 'mdat' box", run.Output);
    }
}
