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

    /// <summary>
    /// The README promises that the .NET SDK is all the sample needs: the same build with a PATH that holds dotnet and
    /// nothing else, so no ffmpeg can be found; the WAV, MP3 and Ogg prompts must decode in-process, with neither
    /// IVR3001 (decoder missing) nor IVR3122 (external fallback). In this class, so that the two builds of the sample's
    /// folder never run at the same time.
    /// </summary>
    [Fact]
    public async Task Sample_builds_with_a_PATH_that_has_dotnet_but_no_ffmpeg()
    {
        var path = PathWithOnlyDotnet();
        Assert.DoesNotContain(Directory.GetFileSystemEntries(path), entry => Path.GetFileName(entry).StartsWith("ffmpeg", StringComparison.OrdinalIgnoreCase));

        var result = await DotnetCli.RunAsync(Repository.Root,
            new Dictionary<string, string> { ["MC_ARTIFACTS"] = _artifacts.Path, ["PATH"] = path },
            "build", "sample-ivr-project", "-nodeReuse:false", "--nologo", "-p:OutDir=" + _artifacts.Combine("sample-out") + "/");

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("5 compiled for flow 'main-menu-flow' (ulaw) by in-process media engine", result.Output);
        Assert.DoesNotContain("IVR3001", result.Output);
        Assert.DoesNotContain("IVR3122", result.Output);
        Assert.Contains("5 checked for quality", result.Output);
    }

    /// <summary>A folder holding only a link to the dotnet host this test runs with (its real path, links resolved).</summary>
    private string PathWithOnlyDotnet()
    {
        var dotnet = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .First(File.Exists);
        var real = File.ResolveLinkTarget(dotnet, returnFinalTarget: true)?.FullName ?? dotnet;
        var folder = _artifacts.Combine("path");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(real)), real);
        return folder;
    }
}
