using System.Text.RegularExpressions;
using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.Repo;

/// <summary>
/// One HTTP stack for every remote: the request budget, the token provider, the transient-answer table, the
/// Retry-After reader and the retry policy are each declared once in src/ (in MediaCompiler.Http), and both remotes use
/// them; no other project builds a Polly retry strategy of its own.
/// </summary>
public sealed partial class OneHttpStackTests
{
    [Theory]
    [InlineData("RequestBudget")]
    [InlineData("TokenProvider")]
    [InlineData("Transient")]
    [InlineData("RetryAfter")]
    [InlineData("RetryPipeline")]
    public void Each_is_declared_once_in_src(string kind)
    {
        var declarations = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Repository.Root, f), Name: m.Groups["name"].Value)))
            .Where(d => d.Name.Contains(kind, StringComparison.Ordinal))
            .ToList();

        var declaration = Assert.Single(declarations);
        Assert.StartsWith(Path.Combine("src", "MediaCompiler.Http"), declaration.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_http_library_builds_a_retry_strategy()
    {
        // The emulator is the server double: its webhook sender plays the platform's policy toward receivers, not ours.
        var builders = SourceFiles()
            .Where(f => !f.Contains(Path.Combine("src", "MediaCompiler.Emulator"), StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("RetryStrategyOptions", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ToList();

        Assert.Equal([Path.Combine("src", "MediaCompiler.Http", "RetryPipeline.cs")], builders);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Theory]
    [InlineData("MediaCompiler.Client")]
    [InlineData("MediaCompiler.Genesys")]
    public void Both_remotes_reference_it(string project)
    {
        var csproj = File.ReadAllText(Path.Combine(Repository.Root, "src", project, project + ".csproj"));
        Assert.Contains(@"..\MediaCompiler.Http\MediaCompiler.Http.csproj", csproj, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TypeDeclaration();
}
