namespace MediaCompiler.Cli;

/// <summary>
/// Turns the command line's files, folders and globs into the list of prompt files to check, in a stable order,
/// each file once. An argument that matches nothing is reported (a typo must not pass as "0 files, all fine").
/// </summary>
public static class PromptFileFinder
{
    /// <summary>The extensions a folder or a ** walk picks up, whatever their case.</summary>
    public static readonly IReadOnlyList<string> PromptExtensions = [".wav", ".mp3", ".aac", ".ogg"];

    /// <summary>
    /// The files the arguments name, one message per argument that matched nothing (a usage error), and the coded
    /// problems met while walking folders (unreadable folders, looping links), which fail the check like a bad prompt.
    /// </summary>
    public sealed record Result(IReadOnlyList<string> Files, IReadOnlyList<string> Problems, IReadOnlyList<MediaCompiler.Diagnostics.Diagnostic> WalkProblems);

    public static Result Find(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var walker = new FileWalker();

        foreach (var argument in arguments)
        {
            var (matches, problem) = Expand(argument, walker);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            foreach (var match in matches)
            {
                // The same file reached twice (a folder and a glob inside it) is checked once.
                if (seen.Add(Path.GetFullPath(match)))
                {
                    files.Add(match);
                }
            }
        }

        return new Result(files, problems, walker.Problems);
    }

    private static (IReadOnlyList<string> Matches, string? Problem) Expand(string argument, FileWalker walker)
    {
        if (argument.Length == 0)
        {
            return ([], "an empty path was given.");
        }

        if (File.Exists(argument) || IsSpecialFile(argument))
        {
            // A file named explicitly is checked whatever its extension: the rules say what is wrong with it.
            return ([argument], null);
        }

        if (Directory.Exists(argument))
        {
            var problemsBefore = walker.Problems.Count;
            var inFolder = walker.FilesBelow(argument).Where(IsPromptFile).ToList();
            return inFolder.Count > 0 || walker.Problems.Count > problemsBefore
                ? (inFolder, null)
                : ([], $"'{argument}' is a folder with no {ExtensionList()} files in it or below it.");
        }

        if (GlobPattern.HasWildcards(argument))
        {
            var problemsBefore = walker.Problems.Count;
            var globbed = GlobPattern.Parse(argument).Match(walker);
            return globbed.Count > 0 || walker.Problems.Count > problemsBefore ? (globbed, null) : ([], $"'{argument}' matches no files.");
        }

        return ([], $"'{argument}' does not exist (no such file or folder).");
    }

    /// <summary>A FIFO, device or socket named on the command line: checked (and refused with IVR1012), not "missing".</summary>
    private static bool IsSpecialFile(string path) =>
        MediaCompiler.Audio.Files.FileSystemEntries.Inspect(path).Kind is not
            (MediaCompiler.Audio.Files.FileSystemEntryKind.Missing or MediaCompiler.Audio.Files.FileSystemEntryKind.Directory);

    private static bool IsPromptFile(string path) =>
        PromptExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static string ExtensionList() => string.Join(", ", PromptExtensions.Select(e => $"*{e}"));
}
