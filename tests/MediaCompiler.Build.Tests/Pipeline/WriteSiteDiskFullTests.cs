using MediaCompiler.Audio;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.Pipeline.Planning;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// The build's other write sites on a full disk (<see cref="DiskFullStream"/>: a real ENOSPC part-way through the
/// write): the plan file, the manifest and item index the targets import, and the file Genesys Cloud uploads after a
/// local conversion. Each is IVR5010 naming the file that could not be written, and leaves the file it replaces whole.
/// </summary>
public sealed class WriteSiteDiskFullTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [DevFullFact]
    public void The_plan_file_on_a_full_disk_is_ivr5010_naming_it()
    {
        var path = _temp.Combine("obj", "plan.json");
        var (scope, failed) = DiskFullStream.Intercept(p => p == path);
        MediaCompiler.Diagnostics.Diagnostic? failure;
        using (scope)
        {
            failure = PlanReport.Write(new PromptPlan("media-api", []), path);
        }

        Assert.Single(failed);
        Assert.Equal("IVR5010", failure?.Code);
        Assert.Contains(path, failure!.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        AssertNoTemporaryFile();
    }

    [DevFullFact]
    public void The_item_index_on_a_full_disk_is_ivr5010_naming_the_index_not_the_manifest_and_keeps_the_last_one()
    {
        var prompts = _temp.Combine("obj", "ivr", "prompts");
        var index = _temp.Combine("obj", "ivr", "prompts.items.props");
        Directory.CreateDirectory(Path.GetDirectoryName(index)!);
        File.WriteAllText(index, "<Project />");
        var (scope, failed) = DiskFullStream.Intercept(p => p == index);
        MediaCompiler.Diagnostics.Diagnostic? failure;
        using (scope)
        {
            failure = PromptManifest.Write([Record(prompts)], prompts, index, "flow");
        }

        Assert.Single(failed);
        Assert.Equal("IVR5010", failure?.Code);
        Assert.Contains(index, failure!.Message, StringComparison.Ordinal);
        Assert.Equal("<Project />", File.ReadAllText(index));
        AssertNoTemporaryFile();
    }

    [DevFullFact]
    public void The_manifest_on_a_full_disk_is_ivr5010_naming_it()
    {
        var prompts = _temp.Combine("obj", "ivr", "prompts");
        var manifest = Path.Combine(prompts, PromptManifest.FileName);
        var (scope, failed) = DiskFullStream.Intercept(p => p == manifest);
        MediaCompiler.Diagnostics.Diagnostic? failure;
        using (scope)
        {
            failure = PromptManifest.Write([Record(prompts)], prompts, _temp.Combine("obj", "ivr", "prompts.items.props"), "flow");
        }

        Assert.Single(failed);
        Assert.Equal(("IVR5010", true), (failure?.Code, failure!.Message.Contains(manifest, StringComparison.Ordinal)));
        Assert.False(File.Exists(manifest));
        AssertNoTemporaryFile();
    }

    [DevFullFact]
    public void A_genesys_upload_conversion_on_a_full_disk_is_ivr5010_on_the_prompt_not_an_exception()
    {
        // 44.1 kHz: Genesys Cloud gets it converted to 16 kHz PCM, written to the work folder before the upload.
        var source = TestAudio.WriteTone(_temp.Combine("prompts", "welcome.wav"), 440, seconds: 0.5, sampleRate: 44100);
        var prompt = new ValidatedPrompt(new PromptInput(source, "welcome", 1, "alaw"), AudioProbe.Probe(source));
        var work = _temp.Combine("obj", "ivr", "genesys");
        var (scope, failed) = DiskFullStream.Intercept(p => p.StartsWith(work, StringComparison.Ordinal));
        ConversionOutcome outcome;
        using (scope)
        {
            outcome = UploadConversion.Prepare(prompt, work, null, CancellationToken.None);
        }

        Assert.Single(failed);
        Assert.Null(outcome.Source);
        Assert.Equal("IVR5010", outcome.Error?.Code);
        Assert.Contains(Path.Combine(work, "und", "welcome.wav"), outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(work) ? Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories) : []);
    }

    private static MediaCompiler.Build.CompiledPromptRecord Record(string prompts) =>
        new(Path.Combine(prompts, "welcome.wav"), "welcome", "en-US", "/src/welcome.wav", "prompts/welcome.wav", "ulaw",
            "sha256:abc", "asset-1", "compilation-1", 0.5, 4000);

    private void AssertNoTemporaryFile() =>
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
}
