using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Caching;

/// <summary>Keeps the prompt cache within its size cap: the least recently used kept bytes go first.</summary>
internal static class PromptCacheTrimmer
{
    public static void Trim(string directory, long maxBytes, IPipelineLog log)
    {
        try
        {
            // Another build's half-written file (AtomicFile's temporary) is not an entry: it is renamed or removed by that build.
            var files = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => !f.Name.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
                .Select(f => (File: f, Used: f.LastWriteTimeUtc, f.Length))
                .ToList();
            var total = files.Sum(f => f.Length);
            if (total <= maxBytes)
            {
                return;
            }
            var removed = 0;
            // The journals hold every entry, and an entry without its bytes is only a miss: kept bytes go first, the
            // oldest journals only when the bytes alone cannot bring the cache within its cap.
            foreach (var (file, _, length) in files.OrderBy(f => IsJournal(f.File.Name)).ThenBy(f => f.Used))
            {
                if (total <= maxBytes)
                {
                    break;
                }
                AtomicFile.TryDelete(file.FullName);
                total -= length;
                removed++;
            }
            log.Info($"Prompt cache: {removed} least recently used file(s) removed to stay within {maxBytes / (1024 * 1024)} MB.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, directory, directory, ex.Message));
        }
    }

    private static bool IsJournal(string name) =>
        name.EndsWith(PromptCacheJournal.Suffix, StringComparison.Ordinal) || name == PromptCacheJournal.LockName;
}
