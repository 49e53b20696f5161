using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli.Tests;

public sealed class CodesCommandTests
{
    [Fact]
    public void Codes_lists_every_catalogue_entry_with_its_severity_and_title()
    {
        var run = CliRun.Of("codes");

        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(DiagnosticCatalog.All);
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var severity = descriptor.Severity.ToString().ToLowerInvariant();
            Assert.Contains(run.OutputLines, l => l.StartsWith(descriptor.Code, StringComparison.Ordinal)
                && l.Contains($" {severity} ", StringComparison.Ordinal) && l.EndsWith(descriptor.Title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Docs_diagnostics_md_is_the_generated_catalogue()
    {
        var committed = File.ReadAllText(Path.Combine(Repository.Root, "docs", "diagnostics.md")).ReplaceLineEndings("\n");

        var run = CliRun.Of("codes", "--markdown");

        Assert.Equal(0, run.ExitCode);
        var generated = run.Output.ReplaceLineEndings("\n");
        if (committed != generated)
        {
            Assert.Fail("docs/diagnostics.md is out of date with the diagnostic catalogue: run build/gen-diagnostics-doc.sh and "
                + "commit the result. " + FirstDifference(committed.Split('\n'), generated.Split('\n')));
        }
    }

    private static string FirstDifference(string[] committed, string[] generated)
    {
        var line = Enumerable.Range(0, Math.Max(committed.Length, generated.Length))
            .First(i => i >= committed.Length || i >= generated.Length || committed[i] != generated[i]);
        return $"First difference at line {line + 1}: committed \"{committed.ElementAtOrDefault(line)}\", generated \"{generated.ElementAtOrDefault(line)}\".";
    }

    [Fact]
    public void The_markdown_has_a_section_per_range_and_an_entry_per_code()
    {
        var markdown = DiagnosticsMarkdown.Render(DiagnosticCatalog.All);

        foreach (var range in new[] { "IVR1xxx", "IVR2xxx", "IVR3xxx", "IVR4xxx", "IVR5xxx" })
        {
            Assert.Contains($"\n## {range}: ", markdown);
        }

        Assert.All(DiagnosticCatalog.All, d => Assert.Contains($"\n### {d.Code}: ", markdown));
    }
}
