using MediaCompiler.Audio;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Codecs;
using MediaCompiler.Engine.Decoding;
using MediaCompiler.Engine.Tests.Support;

namespace MediaCompiler.Engine.Tests.Decoding;

/// <summary>AAC is the one format still decoded by ffmpeg (until the in-process AAC decoder lands): explicit and reported.</summary>
public sealed class AacFallbackTests
{
    private static byte[] Aac() => File.ReadAllBytes(Path.Combine(SpeechFixtures.Root, "audio", "aac_8k_mono.aac"));

    [Fact]
    public void The_in_process_entry_point_refuses_AAC_with_a_code_rather_than_running_ffmpeg()
    {
        var probe = AudioProbe.Probe(new MemoryStream(Aac()), "prompt.aac");

        var result = PromptDecoder.Decode(Aac(), "prompt.aac", probe);

        Assert.Null(result.Audio);
        Assert.Equal("IVR3121", result.Error!.Code);
        Assert.Contains("aac", result.Error.Message);
    }

    [Fact]
    public async Task Without_ffmpeg_the_engine_rejects_AAC_saying_ffmpeg_is_needed()
    {
        var compiler = new AssetCompiler("/nonexistent/bin/ffmpeg", TimeSpan.FromSeconds(30));

        var compiled = await compiler.CompileAsync(Aac(), "prompt.aac", G711Law.MuLaw, normalizeVolume: false, stripMetadata: true, CancellationToken.None);

        Assert.Null(compiled.Wav);
        Assert.Equal("IVR3001", compiled.Error!.Code);
        Assert.Contains("/nonexistent/bin/ffmpeg", compiled.Error.Message);
    }

    [FfmpegFact]
    public async Task With_ffmpeg_AAC_compiles_and_the_fallback_is_reported_as_IVR3122()
    {
        var compiler = new AssetCompiler(ffmpegPath: null, TimeSpan.FromSeconds(30));

        var compiled = await compiler.CompileAsync(Aac(), "prompt.aac", G711Law.MuLaw, normalizeVolume: false, stripMetadata: true, CancellationToken.None);

        Assert.NotNull(compiled.Wav);
        var warning = Assert.Single(compiled.Warnings, w => w.Code == "IVR3122");
        Assert.Contains("ffmpeg", warning.Message);
    }
}
