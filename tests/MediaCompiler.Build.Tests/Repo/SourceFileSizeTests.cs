using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.Repo;

/// <summary>
/// Small files with one purpose: no source file in src/ over 350 lines (tables included: a long table splits by
/// what it holds, as the AAC codebooks do).
/// </summary>
public sealed class SourceFileSizeTests
{
    private const int MaxLines = 350;

    [Fact]
    public void No_source_file_is_over_the_limit()
    {
        var tooLong = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(Repository.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToArray();

        Assert.True(tooLong.Length == 0, $"over {MaxLines} lines: " + string.Join(", ", tooLong));
    }
}
