using MediaCompiler.Pipeline;
using MediaCompiler.Storage;

namespace MediaCompiler.Build;

/// <summary>
/// IvrLinkCompiledPrompts: puts each compiled prompt into the output folder (bin/…/prompts/) as a hard link to the
/// intermediate file, where the SDK's copy of content would otherwise write a second copy of its bytes. The link has
/// the file's own timestamp, so the SDK's copy target then finds it up to date and skips it; where linking is not
/// possible (another volume, a file system without links), nothing is placed and the SDK copies as it always does.
/// </summary>
/// <remarks>
/// Why: a cold build of 200 prompts spent 150–240 ms in the SDK's copy, creating 200 files (file creation is most of
/// what a small file costs), against about 20 ms for links. Safe because compiled prompts are only ever replaced by
/// rename, never rewritten in place, and MSBuild's Copy deletes a destination before writing it: neither can write
/// through a link into the intermediate file or the prompt cache's bytes, which every read checks against their SHA-256.
/// </remarks>
internal static class OutputLinks
{
    /// <summary>
    /// Links the prompts whose output copy is missing or older, then removes the output copies of
    /// <paramref name="removedCompiledPrompts"/> (compiled prompts of the last run whose prompts left the project). The
    /// SDK's IncrementalClean removes most of those too, but compares paths ignoring case: the old spelling of a prompt
    /// renamed by case only would stay beside the new one on Linux.
    /// </summary>
    public static void Place(IReadOnlyList<CompiledPromptRecord> records, string compiledPromptsDirectory, string outputDirectory, IPipelineLog log,
        IReadOnlyList<string> removedCompiledPrompts)
    {
        Link(records, compiledPromptsDirectory, outputDirectory, log);
        if (removedCompiledPrompts.Count == 0)
        {
            return;
        }

        var current = CaseTwins.Index(records.Select(r => Path.GetFullPath(OutputPath(r.CompiledPath, compiledPromptsDirectory, outputDirectory))));
        foreach (var removed in removedCompiledPrompts)
        {
            var stale = Path.GetFullPath(OutputPath(removed, compiledPromptsDirectory, outputDirectory));
            try
            {
                if (CaseTwins.IsOwnFile(stale, current))
                {
                    File.Delete(stale);
                    log.Info($"IVR prompts: removed {stale}: its prompt left the project.");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                log.Info($"IVR prompts: {stale} could not be removed ({ex.Message}).");
            }
        }
    }

    private static string OutputPath(string compiledPath, string compiledPromptsDirectory, string outputDirectory) =>
        Path.Combine(outputDirectory, Path.GetRelativePath(compiledPromptsDirectory, compiledPath));

    private static void Link(IEnumerable<CompiledPromptRecord> records, string compiledPromptsDirectory, string outputDirectory, IPipelineLog log)
    {
        foreach (var record in records)
        {
            var destination = OutputPath(record.CompiledPath, compiledPromptsDirectory, outputDirectory);
            try
            {
                // The SDK's own rule: an output at least as new as its source is up to date (a link shares its date).
                if (File.GetLastWriteTimeUtc(destination) >= File.GetLastWriteTimeUtc(record.CompiledPath))
                {
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                if (!AtomicFile.TryLink(record.CompiledPath, destination))
                {
                    log.Info($"IVR prompts: the compiled prompts cannot be linked into {outputDirectory}; the SDK copies them.");
                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only a shortcut failed: the SDK's copy, which runs next, writes the file or reports why it cannot.
                log.Info($"IVR prompts: {destination} not linked ({ex.Message}); the SDK copies the compiled prompts.");
                return;
            }
        }
    }
}
