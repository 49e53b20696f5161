namespace MediaCompiler.Cli;

/// <summary>
/// Turns the command line's files, folders and globs into the list of prompt files to check, in a stable order,
/// each file once. An argument that matches nothing is reported (a typo must not pass as "0 files, all fine").
/// </summary>
public static class PromptFileFinder
{
    /// <summary>
    /// The extensions a folder walk picks up, whatever their case: every kind the in-process decoders read (the
    /// platform's rules then say whether it takes it, or converts it).
    /// </summary>
    public static readonly IReadOnlyList<string> PromptExtensions =
    [
        ".wav", ".mp3", ".aac", ".m4a", ".mp4", ".ogg", ".oga", ".opus", ".flac",
        ".mp2", ".mov", ".3gp", ".webm", ".mka", ".aif", ".aiff", ".aifc", ".caf", ".au", ".snd",
        // Asterisk's headerless sound files (see the probe's RawProbe): what a FreePBX prompt library holds.
        ".ulaw", ".ul", ".alaw", ".al", ".sln", ".sln12", ".sln16", ".sln24", ".sln32", ".sln44", ".sln48", ".sln96", ".sln192", ".g722", ".gsm",
    ];

    /// <summary>
    /// The files the arguments name, one message per argument that matched nothing (a usage error), and the coded
    /// problems met while walking folders (unreadable folders, looping links), which fail the check like a bad prompt.
    /// </summary>
    /// <param name="Skipped">Files met in folders whose extension is not a prompt's (not checked; said so, never silent).</param>
    public sealed record Result(IReadOnlyList<string> Files, IReadOnlyList<string> Problems, IReadOnlyList<MediaCompiler.Diagnostics.Diagnostic> WalkProblems,
        IReadOnlyList<string> Skipped)
    {
        /// <summary>"skipped 3 file(s) that are not audio ...", or null when nothing was skipped.</summary>
        public string? SkippedNote => Skipped.Count == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"skipped {Skipped.Count} file(s) in the folders given, by extension not audio this tool reads ({string.Join(", ", Skipped.GroupBy(f => Path.GetExtension(f).ToLowerInvariant()).OrderByDescending(g => g.Count()).Select(g => $"{(g.Key.Length == 0 ? "no extension" : g.Key)} {g.Count()}"))}); name a file to check it anyway.");
    }

    public static Result Find(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var skipped = new List<string>();
        var walker = new FileWalker();

        foreach (var argument in arguments)
        {
            var (matches, problem) = Expand(argument, walker, skipped);
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

        return new Result(files, problems, walker.Problems, skipped);
    }

    private static (IReadOnlyList<string> Matches, string? Problem) Expand(string argument, FileWalker walker, List<string> skipped)
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
            var below = walker.FilesBelow(argument).ToList();
            var inFolder = below.Where(IsPromptFile).ToList();
            skipped.AddRange(below.Where(f => !IsPromptFile(f)));
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
