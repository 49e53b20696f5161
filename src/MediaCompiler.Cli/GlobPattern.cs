namespace MediaCompiler.Cli;

/// <summary>
/// A small path glob: <c>*</c> (any characters within one path segment), <c>?</c> (one character) and a whole
/// <c>**</c> segment (zero or more folders). Names match case-insensitively, like the extension check for folders, so
/// <c>prompts/**/*.wav</c> also finds <c>HELLO.WAV</c>. The walk starts at the longest wildcard-free prefix and only
/// descends where the pattern allows, so a narrow pattern in a big tree stays cheap.
/// </summary>
public sealed class GlobPattern
{
    private const string AnyFolders = "**";

    private readonly string _baseFolder;
    private readonly string[] _segments;

    private GlobPattern(string baseFolder, string[] segments)
    {
        _baseFolder = baseFolder;
        _segments = segments;
    }

    public static bool HasWildcards(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    public static GlobPattern Parse(string pattern)
    {
        var separators = Path.DirectorySeparatorChar == '/' ? new[] { '/' } : new[] { '/', Path.DirectorySeparatorChar };
        var root = Path.GetPathRoot(pattern) ?? string.Empty;
        var segments = pattern[root.Length..].Split(separators, StringSplitOptions.RemoveEmptyEntries);

        var literalCount = segments.TakeWhile(s => !HasWildcards(s)).Count();
        var baseFolder = Path.Join([root, .. segments[..literalCount]]);
        return new GlobPattern(baseFolder, segments[literalCount..]);
    }

    /// <summary>The matching files, as paths that start the way the pattern did, sorted per folder.</summary>
    public IReadOnlyList<string> Match() => Match(new FileWalker());

    /// <summary>As <see cref="Match()"/>, with folders that cannot be listed reported to <paramref name="walker"/>.</summary>
    internal IReadOnlyList<string> Match(FileWalker walker)
    {
        var matches = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (_segments.Length > 0 && Directory.Exists(FolderOnDisk(_baseFolder)))
        {
            Walk(walker, _baseFolder, 0, matches, seen);
        }

        return matches;
    }

    /// <summary>True when <paramref name="name"/> (one path segment) matches <paramref name="segment"/>.</summary>
    public static bool SegmentMatches(string segment, string name) => Matches(segment.AsSpan(), name.AsSpan());

    private void Walk(FileWalker walker, string folder, int index, List<string> matches, HashSet<string> seen)
    {
        var segment = _segments[index];
        var isLast = index == _segments.Length - 1;
        var onDisk = FolderOnDisk(folder);

        if (segment == AnyFolders)
        {
            if (isLast)
            {
                // A trailing ** means everything below, files of every kind.
                AddAll(walker.FilesBelow(onDisk).Select(f => Path.Join(folder, Path.GetRelativePath(onDisk, f))), matches, seen);
                return;
            }

            Walk(walker, folder, index + 1, matches, seen); // ** standing for zero folders
            foreach (var subfolder in walker.SubfoldersOf(onDisk))
            {
                Walk(walker, Path.Join(folder, Path.GetFileName(subfolder)), index, matches, seen);
            }

            return;
        }

        if (!HasWildcards(segment))
        {
            // A literal segment after a wildcard one (a/*/b/*.wav): look it up, don't list the folder.
            var next = Path.Join(folder, segment);
            if (isLast && File.Exists(FolderOnDisk(next)))
            {
                AddAll([next], matches, seen);
            }
            else if (!isLast && Directory.Exists(FolderOnDisk(next)))
            {
                Walk(walker, next, index + 1, matches, seen);
            }

            return;
        }

        if (isLast)
        {
            AddAll(
                walker.FilesIn(onDisk).Select(Path.GetFileName).Where(n => SegmentMatches(segment, n!)).Select(n => Path.Join(folder, n)),
                matches,
                seen);
            return;
        }

        foreach (var subfolder in walker.SubfoldersOf(onDisk))
        {
            var name = Path.GetFileName(subfolder);
            if (SegmentMatches(segment, name))
            {
                Walk(walker, Path.Join(folder, name), index + 1, matches, seen);
            }
        }
    }

    private static void AddAll(IEnumerable<string> files, List<string> matches, HashSet<string> seen)
    {
        // "**/**/x.wav" reaches the same file along several routes; list it once.
        matches.AddRange(files.Where(seen.Add));
    }

    private static string FolderOnDisk(string folder) => folder.Length == 0 ? "." : folder;

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        // Iterative wildcard match with one backtrack point (the last '*'): linear for realistic patterns.
        int p = 0, n = 0, starAt = -1, starMatchEnd = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(name[n])))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starAt = p++;
                starMatchEnd = n;
            }
            else if (starAt >= 0)
            {
                p = starAt + 1;
                n = ++starMatchEnd;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
