using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// The README's main command, `dotnet build sample-ivr-project`, as on a fresh clone: no package exists, the sample's
/// repository plumbing builds the task from source and compiles the prompts with the embedded engine.
/// </summary>
public sealed class SourceSampleBuildTests : IDisposable
{
    private readonly TempDirectory _artifacts = new();
    private readonly string[] _createdFolders;

    public SourceSampleBuildTests()
    {
        // The sample builds in place (its plumbing finds the repository by relative path); only what this test
        // creates is removed afterwards, never a developer's own bin/ or obj/.
        _createdFolders = new[] { "bin", "obj" }
            .Select(name => Path.Combine(Repository.Sample, name))
            .Where(path => !Directory.Exists(path))
            .ToArray();
    }

    public void Dispose()
    {
        foreach (var folder in _createdFolders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
        _artifacts.Dispose();
    }

    [Fact]
    public async Task Sample_builds_from_source_with_the_embedded_engine()
    {
        // Its own artifacts folder: the task and its libraries are built from scratch, as on a fresh clone.
        var result = await DotnetCli.RunAsync(Repository.Root, new Dictionary<string, string> { ["MC_ARTIFACTS"] = _artifacts.Path },
            "build", "sample-ivr-project", "-nodeReuse:false", "--nologo", "-p:OutDir=" + _artifacts.Combine("sample-out") + "/");

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("5 compiled for flow 'main-menu-flow' (ulaw) by in-process media engine", result.Output);
        Assert.Equal(
            ["goodbye.wav", "main-menu.wav", "please-hold.wav", "prompts.json", "transfer.wav", "welcome.wav"],
            Directory.GetFiles(_artifacts.Combine("sample-out", "prompts")).Select(Path.GetFileName).Order());
    }
}
