namespace MediaCompiler.Benchmarks;

/// <summary>The files a throughput run cycles through: every file below a folder except the corpus's expected.json.</summary>
internal static class Corpus
{
    public static string[] FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}
