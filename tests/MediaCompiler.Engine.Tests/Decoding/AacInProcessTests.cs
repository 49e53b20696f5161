using MediaCompiler.Audio;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests.Decoding;

/// <summary>ADTS AAC prompts decode in-process (the engine's own AAC-LC decoder): no ffmpeg, no fallback warning.</summary>
public sealed class AacInProcessTests
{
    private static byte[] Aac() => File.ReadAllBytes(Path.Combine(SpeechFixtures.Root, "audio", "aac_8k_mono.aac"));

    [Fact]
    public void The_in_process_entry_point_decodes_adts_aac()
    {
        var probe = AudioProbe.Probe(new MemoryStream(Aac()), "prompt.aac");

        var result = PromptDecoder.Decode(Aac(), "prompt.aac", probe);

        Assert.True(result.Audio is not null, result.Error?.Message);
        Assert.Equal(probe.SampleRate, result.Audio.SampleRate);
        Assert.InRange(result.Audio.DurationSeconds, 0.5, 5);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Without_ffmpeg_an_aac_prompt_compiles_with_no_fallback_warning()
    {
        var compiler = new AssetCompiler("/nonexistent/bin/ffmpeg", TimeSpan.FromSeconds(30));

        var compiled = await compiler.CompileAsync(Aac(), "prompt.aac", G711Law.MuLaw, normalizeVolume: false, stripMetadata: true, CancellationToken.None);

        Assert.True(compiled.Wav is not null, compiled.Error?.Message);
        Assert.DoesNotContain(compiled.Warnings, w => w.Code == "IVR3122");
    }

    [Fact]
    public void A_truncated_aac_stream_is_a_coded_rejection_not_an_exception()
    {
        var bytes = Aac().AsSpan(0, 40).ToArray();
        var probe = AudioProbe.Probe(new MemoryStream(Aac()), "prompt.aac");

        var result = PromptDecoder.Decode(bytes, "prompt.aac", probe);

        // The file ends inside its first frame: truncated (IVR1005), said as such, never decoded to a shorter prompt.
        Assert.Null(result.Audio);
        Assert.Equal("IVR1005", result.Error!.Code);
        Assert.Contains("the file ends inside the ADTS frame at byte 0", result.Error.Message);
    }
}
