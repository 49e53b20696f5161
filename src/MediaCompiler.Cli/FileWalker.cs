using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli;

/// <summary>
/// Directory walking shared by folder arguments and ** globs, in a stable (ordinal) order. Symbolic links to folders
/// are followed, as MSBuild's globbing follows them, so that the CLI and the build see the same files; a link that
/// leads back into the folders above it, and a folder that cannot be listed, become coded problems (never a silent
/// skip, never an endless walk).
/// </summary>
internal sealed class FileWalker
{
    /// <summary>No prompt tree is this deep; a deeper walk means links leading somewhere unexpected.</summary>
    private const int MaxDepth = 64;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
    };

    private readonly List<Diagnostic> _problems = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>Folders that could not be listed and links that could not be followed, one diagnostic each.</summary>
    public IReadOnlyList<Diagnostic> Problems => _problems;

    /// <summary>Files directly in <paramref name="folder"/>, sorted; none (and a problem) when it cannot be listed.</summary>
    public IEnumerable<string> FilesIn(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*", OneLevel).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            Report(DiagnosticCatalog.FolderUnreadable, folder, e.Message.TrimEnd('.'));
            return [];
        }
    }

    /// <summary>
    /// Sub-folders worth descending into, sorted. Hidden folders (.git, .vs) hold no prompts and can be huge, so they
    /// are skipped; links to folders are followed unless they lead back to <paramref name="folder"/> or above it.
    /// </summary>
    public IEnumerable<string> SubfoldersOf(string folder)
    {
        List<DirectoryInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateDirectories("*", OneLevel).Where(d => !d.Name.StartsWith('.')).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            Report(DiagnosticCatalog.FolderUnreadable, folder, e.Message.TrimEnd('.'));
            return [];
        }

        if (Depth(folder) >= MaxDepth)
        {
            Report(DiagnosticCatalog.FolderLinkLoop, folder, $"the walk is {MaxDepth} folders deep, which only links leading in circles produce");
            return [];
        }

        var here = entries.Any(d => d.LinkTarget is not null) ? CanonicalPath(folder) : string.Empty;
        return entries
            .Where(d => d.LinkTarget is null || Followable(d, here))
            .Select(d => Path.Join(folder, d.Name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every file in <paramref name="folder"/> and below it: a folder's files first, then its sub-folders'.</summary>
    public IEnumerable<string> FilesBelow(string folder)
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

    private bool Followable(DirectoryInfo link, string canonicalParent)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException e)
        {
            Report(DiagnosticCatalog.FolderLinkLoop, link.FullName, e.Message.TrimEnd('.'));
            return false;
        }

        if (target is null || !Directory.Exists(target.FullName))
        {
            Report(DiagnosticCatalog.FolderLinkLoop, link.FullName, "its target does not exist");
            return false;
        }

        var canonicalTarget = CanonicalPath(target.FullName);
        if (IsSameOrAncestor(canonicalTarget, canonicalParent))
        {
            Report(DiagnosticCatalog.FolderLinkLoop, link.FullName,
                $"it leads to '{canonicalTarget}', which contains the link itself, so following it would never end");
            return false;
        }

        return true;
    }

    /// <summary>The absolute path with every symbolic link along it resolved (what realpath(3) returns).</summary>
    private static string CanonicalPath(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Join(resolved, part);
            var info = new DirectoryInfo(next);
            resolved = info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
                ? CanonicalPath(target.FullName)
                : next;
        }

        return resolved;
    }

    private static bool IsSameOrAncestor(string candidate, string path) =>
        path.Equals(candidate, StringComparison.Ordinal)
        || path.StartsWith(Path.TrimEndingDirectorySeparator(candidate) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static int Depth(string folder) => folder.Count(c => c == Path.DirectorySeparatorChar);

    private void Report(DiagnosticDescriptor descriptor, string path, string reason)
    {
        if (_reported.Add(descriptor.Code + "\0" + path))
        {
            _problems.Add(Diagnostic.Create(descriptor, path, path, reason));
        }
    }
}
