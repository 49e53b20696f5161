using System.Text.RegularExpressions;
using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// Packs MediaCompiler.Build once per test run (dotnet pack, into a temporary local feed) and makes copies of the
/// sample that consume it exactly as a user's project does: through NuGet, with no repository plumbing.
/// </summary>
public sealed partial class PackedPackageFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new();

    public string Feed => _root.Combine("feed");

    /// <summary>One package folder for the whole run: isolated from the machine's, shared by the copies.</summary>
    public string PackagesFolder => _root.Combine("packages");

    public string PackageVersion { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // A separate artifacts folder: the pack must not rebuild the assemblies this test run has loaded.
        var pack = await DotnetCli.RunAsync(Repository.Root, new Dictionary<string, string> { ["MC_ARTIFACTS"] = _root.Combine("artifacts") },
            "pack", Path.Combine(Repository.BuildPackageSource, "MediaCompiler.Build.csproj"), "-c", "Release", "-o", Feed, "--nologo", "-v", "q");
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }
        var package = Directory.GetFiles(Feed, "MediaCompiler.Build.*.nupkg").Single();
        PackageVersion = PackageVersionPattern().Match(Path.GetFileName(package)).Groups[1].Value;
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Copies the sample (its project and prompts, not the repository plumbing) to a fresh folder.</summary>
    public string CopySample(string destination)
    {
        Directory.CreateDirectory(destination);
        var project = File.ReadAllText(Path.Combine(Repository.Sample, "sample-ivr-project.csproj"));
        project = SampleVersionPattern().Replace(project, $"${{1}}{PackageVersion}\"");
        File.WriteAllText(Path.Combine(destination, "sample-ivr-project.csproj"), project);
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Sample, "prompts"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(Repository.Sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.WriteAllText(Path.Combine(destination, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return destination;
    }

    [GeneratedRegex(@"^MediaCompiler\.Build\.(.+)\.nupkg$")]
    private static partial Regex PackageVersionPattern();

    [GeneratedRegex("(Include=\"MediaCompiler.Build\" Version=\")[^\"]*\"")]
    private static partial Regex SampleVersionPattern();
}

[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "Packed package";
}
