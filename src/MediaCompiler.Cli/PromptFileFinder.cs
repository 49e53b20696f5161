namespace MediaCompiler.Cli;

/// <summary>
/// Turns the command line's files, folders and globs into the list of prompt files to check, in a stable order,
/// each file once. An argument that matches nothing is reported (a typo must not pass as "0 files, all fine").
/// </summary>
public static class PromptFileFinder
{
    /// <summary>The extensions a folder or a ** walk picks up, whatever their case.</summary>
    public static readonly IReadOnlyList<string> PromptExtensions = [".wav", ".mp3", ".aac", ".ogg"];

    /// <summary>The files the arguments name, and one message per argument that matched nothing.</summary>
    public sealed record Result(IReadOnlyList<string> Files, IReadOnlyList<string> Problems);

    public static Result Find(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var argument in arguments)
        {
            var (matches, problem) = Expand(argument);
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

        return new Result(files, problems);
    }

    private static (IReadOnlyList<string> Matches, string? Problem) Expand(string argument)
    {
        if (argument.Length == 0)
        {
            return ([], "an empty path was given.");
        }

        if (File.Exists(argument))
        {
            // A file named explicitly is checked whatever its extension: the rules say what is wrong with it.
            return ([argument], null);
        }

        if (Directory.Exists(argument))
        {
            var inFolder = FileWalker.FilesBelow(argument).Where(IsPromptFile).ToList();
            return inFolder.Count > 0
                ? (inFolder, null)
                : ([], $"'{argument}' is a folder with no {ExtensionList()} files in it or below it.");
        }

        if (GlobPattern.HasWildcards(argument))
        {
            var globbed = GlobPattern.Parse(argument).Match();
            return globbed.Count > 0 ? (globbed, null) : ([], $"'{argument}' matches no files.");
        }

        return ([], $"'{argument}' does not exist (no such file or folder).");
    }

    private static bool IsPromptFile(string path) =>
        PromptExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static string ExtensionList() => string.Join(", ", PromptExtensions.Select(e => $"*{e}"));
}
