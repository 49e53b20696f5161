namespace MediaCompiler.Cli;

/// <summary>Directory walking shared by folder arguments and ** globs, in a stable (ordinal) order.</summary>
internal static class FileWalker
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
    };

    /// <summary>Files directly in <paramref name="folder"/>, sorted.</summary>
    public static IEnumerable<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", OneLevel).Order(StringComparer.Ordinal);

    /// <summary>
    /// Sub-folders worth descending into, sorted. Hidden folders (.git, .vs) hold no prompts and can be huge, and
    /// symbolic links to folders could loop forever, so both are skipped.
    /// </summary>
    public static IEnumerable<string> SubfoldersOf(string folder) =>
        new DirectoryInfo(folder)
            .EnumerateDirectories("*", OneLevel)
            .Where(d => !d.Name.StartsWith('.') && !d.Attributes.HasFlag(FileAttributes.ReparsePoint))
            .Select(d => Path.Join(folder, d.Name))
            .Order(StringComparer.Ordinal);

    /// <summary>Every file in <paramref name="folder"/> and below it: a folder's files first, then its sub-folders'.</summary>
    public static IEnumerable<string> FilesBelow(string folder)
    {
        foreach (var file in FilesIn(folder))
        {
            yield return file;
        }

        foreach (var subfolder in SubfoldersOf(folder))
        {
            foreach (var file in FilesBelow(subfolder))
            {
                yield return file;
            }
        }
    }
}
