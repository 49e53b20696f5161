namespace MediaCompiler.Build;

/// <summary>
/// Paths that differ only in letter case, as a prompt renamed from <c>hello.wav</c> to <c>Hello.wav</c> leaves them:
/// two files on a case-sensitive file system (Linux), one file under two spellings on a case-insensitive one (Windows,
/// macOS). Removing the old spelling's stale output must not delete the new output there. The file systems cannot be
/// told apart by a path's existence (both spellings exist on either), only by a folder's listing.
/// </summary>
internal static class CaseTwins
{
    /// <summary>
    /// The current outputs by their path ignoring case, each to its own spelling: one look-up per stale path answers
    /// both "is it current?" and "is it a second spelling of a current one?" (NodeIds are unique ignoring case).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Index(IEnumerable<string> paths)
    {
        var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            index.TryAdd(path, path);
        }

        return index;
    }

    /// <summary>The path of <paramref name="index"/> that equals <paramref name="path"/> ignoring case, if any.</summary>
    public static string? TwinIn(string path, IReadOnlyDictionary<string, string> index) =>
        index.TryGetValue(path, out var twin) ? twin : null;

    /// <summary>
    /// Whether two full paths that are equal ignoring case name different files: at the first part where their
    /// spellings differ, the folder above lists both (only a case-sensitive file system can hold both).
    /// </summary>
    public static bool AreDistinct(string path, string twin)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        var twinParts = twin.Split(Path.DirectorySeparatorChar);
        if (parts.Length != twinParts.Length)
        {
            return true;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (string.Equals(parts[i], twinParts[i], StringComparison.Ordinal))
            {
                continue;
            }

            var folder = string.Join(Path.DirectorySeparatorChar, parts[..i]);
            var names = Directory.EnumerateFileSystemEntries(folder.Length == 0 ? Path.DirectorySeparatorChar.ToString() : folder)
                .Select(Path.GetFileName)
                .ToHashSet(StringComparer.Ordinal);
            return names.Contains(parts[i]) && names.Contains(twinParts[i]);
        }

        return false;
    }

    /// <summary>Whether <paramref name="stale"/> is a file of its own to delete: not one of <paramref name="current"/> (an <see cref="Index"/>), nor a second spelling of one.</summary>
    public static bool IsOwnFile(string stale, IReadOnlyDictionary<string, string> current) =>
        TwinIn(stale, current) is { } twin
            ? !string.Equals(twin, stale, StringComparison.Ordinal) && File.Exists(stale) && AreDistinct(stale, twin)
            : File.Exists(stale);
}
