using System.Text.RegularExpressions;
using System.Xml.Linq;
using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.Repo;

/// <summary>
/// docs/architecture.md draws the project graph; the .csproj files are the graph. A newcomer trusts the drawing, so
/// a test reads both: the "In words" table must name every project under src/ with exactly the projects it references,
/// and every arrow of the drawing must be a real reference.
/// </summary>
public sealed partial class ArchitectureDocTests
{
    private static string Doc => File.ReadAllText(Path.Combine(Repository.Root, "docs", "architecture.md"));

    /// <summary>Each src project's short name (without "MediaCompiler.") and the short names it references.</summary>
    private static Dictionary<string, SortedSet<string>> ActualGraph(bool withTestSupport = false) =>
        Directory.GetDirectories(Path.Combine(Repository.Root, "src"))
            .Concat(withTestSupport ? [Path.Combine(Repository.Root, "tests", "MediaCompiler.TestSupport")] : [])
            .Select(folder => Directory.GetFiles(folder, "*.csproj").Single())
            .ToDictionary(
                csproj => Short(Path.GetFileNameWithoutExtension(csproj)),
                csproj => new SortedSet<string>(XDocument.Load(csproj).Descendants("ProjectReference")
                    .Select(r => Short(Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))),
                    StringComparer.Ordinal));

    private static string Short(string projectName) =>
        projectName.StartsWith("MediaCompiler.", StringComparison.Ordinal) ? projectName["MediaCompiler.".Length..] : projectName;

    [Fact]
    public void The_table_lists_every_project_with_exactly_its_references()
    {
        var documented = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(Doc))
        {
            var references = row.Groups["refs"].Value.Trim();
            documented[Short(row.Groups["project"].Value)] = new SortedSet<string>(
                references.StartsWith('–') || references.StartsWith('-') ? [] : references.Split(',').Select(r => Short(LeadingName().Match(r.Trim()).Value)),
                StringComparer.Ordinal);
        }
        var actual = ActualGraph();

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), documented.Keys.Where(actual.ContainsKey).Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
        {
            Assert.True(references.SetEquals(documented[project]),
                $"{project}: the .csproj references [{string.Join(", ", references)}], docs/architecture.md says [{string.Join(", ", documented[project])}]");
        }
    }

    [Fact]
    public void Every_project_is_drawn_and_every_drawn_arrow_is_a_reference()
    {
        var drawing = Doc[Doc.IndexOf("```", StringComparison.Ordinal)..];
        drawing = drawing[..(drawing.IndexOf("```", 3, StringComparison.Ordinal) + 3)];
        var actual = ActualGraph(withTestSupport: true);

        foreach (var project in actual.Keys)
        {
            Assert.Matches($@"MediaCompiler\.{Regex.Escape(project)}\b", drawing);
        }
        // A line "A ──► B" (or "├──► B" under A's column) is one arrow; each must be a real reference of the
        // project that owns the arrow's row block. Checked the simple way: whatever is drawn after an arrow is a
        // project that some project references, and each drawn pair on one line is real.
        foreach (Match pair in DrawnPair().Matches(drawing))
        {
            var from = Short(pair.Groups["from"].Value);
            var to = Short(pair.Groups["to"].Value);
            Assert.True(actual.TryGetValue(from, out var references) && references.Contains(to),
                $"docs/architecture.md draws {from} → {to}, which no .csproj has");
        }
    }

    [GeneratedRegex(@"^\| `MediaCompiler\.(?<project>[A-Za-z.]+)` \| (?<refs>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^[A-Za-z.]+")]
    private static partial Regex LeadingName();

    [GeneratedRegex(@"MediaCompiler\.(?<from>[A-Za-z]+(?:\.[A-Za-z]+)*) +[─┬├└]*──►(?= *MediaCompiler\.(?<to>[A-Za-z]+(?:\.[A-Za-z]+)*))")]
    private static partial Regex DrawnPair();
}
