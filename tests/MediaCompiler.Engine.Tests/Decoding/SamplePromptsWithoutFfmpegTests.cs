using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests.Decoding;

/// <summary>The README's promise: the sample project's own prompts (WAV, MP3, Ogg) compile with no ffmpeg anywhere.</summary>
public sealed class SamplePromptsWithoutFfmpegTests
{
    public static TheoryData<string> SamplePrompts()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(Path.GetDirectoryName(SpeechFixtures.Root)!, "..", "sample-ivr-project", "prompts");
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFullPath(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SamplePrompts))]
    public async Task Compiles_with_a_configured_ffmpeg_that_does_not_exist(string path)
    {
        var compiler = new AssetCompiler("/nonexistent/bin/ffmpeg", TimeSpan.FromSeconds(30));

        var compiled = await compiler.CompileAsync(File.ReadAllBytes(path), Path.GetFileName(path), G711Law.MuLaw, normalizeVolume: true, stripMetadata: true, CancellationToken.None);

        Assert.True(compiled.Wav is not null, $"{path}: {compiled.Error}");
        Assert.DoesNotContain(compiled.Warnings, w => w.Code == "IVR3122");
    }
}
