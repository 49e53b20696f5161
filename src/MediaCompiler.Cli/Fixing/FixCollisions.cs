using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli.Fixing;

/// <summary>
/// The prompts of one fix run whose fixed file would land on another file: a fixed prompt is always &lt;name&gt;.wav,
/// so "menu.mp3" and "menu.m4a" (or two "menu.wav" from different folders into one --out folder) would write the same
/// file, the second silently replacing the first; and in place, "menu.mp3" would replace a "menu.wav" already beside
/// it (and, with --no-backup, delete its own source too). Each such prompt is refused before anything is written,
/// dry runs included, so the plan shows it. Writing over a previous run's output in an --out folder is not a collision.
/// </summary>
internal static class FixCollisions
{
    /// <summary>Why each colliding source cannot be fixed, by source path.</summary>
    public static Dictionary<string, Diagnostic> Find(IReadOnlyList<string> sources, FixDestination destination)
    {
        var comparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var refused = new Dictionary<string, Diagnostic>(StringComparer.Ordinal);
        foreach (var group in sources.GroupBy(source => Path.GetFullPath(destination.OutputFor(source)), comparer))
        {
            var members = group.ToList();
            foreach (var source in members)
            {
                var others = members.Where(other => other != source).Select(other => $"'{other}'").ToList();
                var reason = others.Count > 0
                    ? $"where the fixed version of {string.Join(" and ", others)} would go too"
                    : destination.InPlace && File.Exists(group.Key) && !comparer.Equals(group.Key, Path.GetFullPath(source))
                        ? "which is another file already there"
                        : null;
                if (reason is not null)
                {
                    refused[source] = Diagnostic.Create(DiagnosticCatalog.FixOutputCollision, source, source, destination.OutputFor(source), reason);
                }
            }
        }

        return refused;
    }
}
