using System.CommandLine;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Cli.Checking;
using MediaCompiler.Cli.Output;
using Spectre.Console;

namespace MediaCompiler.Cli;

/// <summary>
/// <c>ivr-media validate &lt;paths...&gt; [--json] [--sarif FILE] [--platform media-api|genesys] [quality options]</c>:
/// every check the build applies before any upload, and the quality warnings on the decoded audio.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(Terminal terminal, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Prompt files, folders (searched recursively for every audio format the tool reads: *.wav, *.mp3, *.aac, *.ogg, *.flac, *.aiff, *.webm... ; hidden folders "
                + "skipped, links to folders followed) or globs such as 'prompts/**/*.wav' (quote them; *, ? and ** are understood).",
            Arity = ArgumentArity.OneOrMore,
        };
        UnknownOptions.RejectIn(paths);
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON array, an object per file, instead of readable lines.",
        };
        var sarif = new Option<string?>("--sarif")
        {
            Description = "Also write the diagnostics as SARIF 2.1.0 to this file (for code-scanning uploads).",
        };
        var platform = PlatformOption.Create();
        var quality = new QualityOptions();

        var command = new Command("validate", "Check prompts against every rule the build applies, and their sound: speech "
            + "level (ITU-T P.56), clipping, leading and trailing silence, DC offset, duration, level spread (IVR16xx warnings). Exit code 0: all pass "
            + "(warnings allowed); 1: a prompt fails or a folder cannot be searched; 2: usage error (a path that matches nothing).")
        {
            paths,
            json,
            sarif,
            platform,
        };
        foreach (var option in quality.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => Run(
            parseResult.GetValue(paths) ?? [],
            parseResult.GetValue(json),
            parseResult.GetValue(sarif),
            PlatformOption.Read(parseResult, platform),
            quality.Read(parseResult),
            terminal,
            error));
        return command;
    }

    private static int Run(string[] arguments, bool json, string? sarifPath, TargetPlatform platform, QualitySettings quality, Terminal terminal, TextWriter error)
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

        if (found.SkippedNote is { } note)
        {
            error.WriteLine($"ivr-media: {note}");
        }

        var reports = found.WalkProblems.Select(PromptReport.ForWalkProblem)
            .Concat(found.Files.Select(file => PromptReport.Create(file, platform, quality)))
            .ToList();
        if (quality.ComparesLevels)
        {
            reports = WithLevelSpread(reports, quality.Thresholds);
        }

        if (json)
        {
            terminal.Raw(ValidationJson.Write(reports));
        }
        else
        {
            WriteReadable(reports, terminal);
        }

        if (sarifPath is not null && !TryWriteSarif(sarifPath, reports, error))
        {
            return ExitCodes.UsageError;
        }

        return reports.All(r => r.Ok) ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>
    /// The run-wide check (IVR1607) over the prompts that pass, as the build checks one project's prompts; the warning
    /// is placed on the loudest file it names, so that text, JSON and SARIF all show it at a file.
    /// </summary>
    private static List<PromptReport> WithLevelSpread(List<PromptReport> reports, QualityThresholds thresholds)
    {
        var measured = reports.Where(r => r.Ok && r.Loudness?.ActiveSpeechLevelDbov is not null).ToList();
        var spread = PromptQualityAnalyzer.CheckLevelSpread(measured.Select(r => (r.Path, r.Loudness!.ActiveSpeechLevelDbov)), thresholds);
        if (spread.Count == 0)
        {
            return reports;
        }

        var loudest = measured.MaxBy(r => r.Loudness!.ActiveSpeechLevelDbov)!;
        return reports.Select(r => ReferenceEquals(r, loudest) ? r.With(spread[0] with { File = r.Path }) : r).ToList();
    }

    private static bool TryWriteSarif(string path, IReadOnlyList<PromptReport> reports, TextWriter error)
    {
        try
        {
            File.WriteAllText(path, CliSarif.Write(reports, ToolVersion.Current));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ivr-media: the SARIF file '{path}' cannot be written: {e.Message}");
            return false;
        }
    }

    private static void WriteReadable(IReadOnlyList<PromptReport> reports, Terminal terminal)
    {
        foreach (var report in reports)
        {
            var diagnostics = report.Validation.Diagnostics;
            var warnings = diagnostics.Count(d => d.Severity == MediaCompiler.Diagnostics.DiagnosticSeverity.Warning);
            var (mark, colour) = report.Ok ? ("✓", warnings > 0 ? Color.Yellow : Color.Green) : ("✗", Color.Red);
            var note = warnings > 0 && report.Ok ? $" ({Plural(warnings, "warning")})" : string.Empty;
            terminal.Line((mark, colour), ($" {report.Path}", null), ($"  {Describe.Summary(report.Validation.Probe)}{note}", Color.Grey));

            foreach (var diagnostic in diagnostics)
            {
                terminal.Line((Describe.Canonical(diagnostic, report.Path), diagnostic.IsError ? Color.Red : Color.Yellow));
            }
        }

        var failed = reports.Count(r => !r.Ok);
        var totalWarnings = reports.Sum(r => r.Validation.Diagnostics.Count(d => d.Severity == MediaCompiler.Diagnostics.DiagnosticSeverity.Warning));
        terminal.Line(
            ($"Checked {Plural(reports.Count, "file")}: {reports.Count - failed} ok, {failed} failed, {Plural(totalWarnings, "warning")}.",
                failed > 0 ? Color.Red : Color.Green));
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
