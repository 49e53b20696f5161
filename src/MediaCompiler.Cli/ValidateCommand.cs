using System.CommandLine;
using Spectre.Console;

namespace MediaCompiler.Cli;

/// <summary><c>ivr-media validate &lt;paths...&gt; [--json]</c>: the media engine's rules, applied before any upload.</summary>
internal static class ValidateCommand
{
    public static Command Create(Terminal terminal, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Prompt files, folders (searched recursively for *.wav, *.mp3, *.aac, *.ogg; hidden folders "
                + "skipped) or globs such as 'prompts/**/*.wav' (quote them; *, ? and ** are understood).",
            Arity = ArgumentArity.OneOrMore,
        };
        UnknownOptions.RejectIn(paths);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON array, an object per file, instead of readable lines.",
        };

        var command = new Command("validate", "Check prompts against the media engine's rules. Exit code 0: all pass "
            + "(warnings allowed); 1: a prompt fails; 2: usage error (a path that matches nothing).")
        {
            paths,
            json,
        };

        command.SetAction(parseResult => Run(
            parseResult.GetValue(paths) ?? [],
            parseResult.GetValue(json),
            terminal,
            error));
        return command;
    }

    private static int Run(string[] arguments, bool json, Terminal terminal, TextWriter error)
    {
        var found = PromptFileFinder.Find(arguments);
        if (found.Problems.Count > 0)
        {
            foreach (var problem in found.Problems)
            {
                error.WriteLine($"ivr-media: {problem}");
            }

            return ExitCodes.UsageError;
        }

        var reports = found.Files.Select(PromptReport.Create).ToList();
        if (json)
        {
            terminal.Raw(ValidationJson.Write(reports));
        }
        else
        {
            WriteReadable(reports, terminal);
        }

        return reports.All(r => r.Ok) ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void WriteReadable(IReadOnlyList<PromptReport> reports, Terminal terminal)
    {
        foreach (var report in reports)
        {
            var diagnostics = report.Validation.Diagnostics;
            var warnings = diagnostics.Count(d => !d.IsError);
            var (mark, colour) = report.Ok ? ("✓", warnings > 0 ? Color.Yellow : Color.Green) : ("✗", Color.Red);
            var note = warnings > 0 && report.Ok ? $" ({Plural(warnings, "warning")})" : string.Empty;
            terminal.Line((mark, colour), ($" {report.Path}", null), ($"  {Describe.Summary(report.Validation.Probe)}{note}", Color.Grey));

            foreach (var diagnostic in diagnostics)
            {
                terminal.Line((Describe.Canonical(diagnostic, report.Path), diagnostic.IsError ? Color.Red : Color.Yellow));
            }
        }

        var failed = reports.Count(r => !r.Ok);
        var totalWarnings = reports.Sum(r => r.Validation.Diagnostics.Count(d => !d.IsError));
        terminal.Line(
            ($"Checked {Plural(reports.Count, "file")}: {reports.Count - failed} ok, {failed} failed, {Plural(totalWarnings, "warning")}.",
                failed > 0 ? Color.Red : Color.Green));
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
