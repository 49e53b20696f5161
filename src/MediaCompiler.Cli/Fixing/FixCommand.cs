using System.CommandLine;
using Spectre.Console;

namespace MediaCompiler.Cli.Fixing;

/// <summary>
/// <c>ivr-media fix &lt;paths...&gt; [--platform ...] [--out DIR | --in-place [--no-backup]] [--encoding ...] [--rate ...]
/// [--normalize] [--trim-silence]</c>: makes rejected prompts accepted, printing each file's before and after.
/// </summary>
internal static class FixCommand
{
    public static Command Create(Terminal terminal, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Prompt files, folders or globs, as validate takes them.",
            Arity = ArgumentArity.OneOrMore,
        };
        UnknownOptions.RejectIn(paths);
        var platform = PlatformOption.Create();
        var outFolder = new Option<string?>("--out") { Description = "Write the fixed prompts into this folder (originals untouched)." };
        var inPlace = new Option<bool>("--in-place") { Description = "Replace each prompt by its fixed version, keeping the original as <file>.bak." };
        var noBackup = new Option<bool>("--no-backup") { Description = "With --in-place: keep no .bak copy." };
        var encoding = new Option<string?>("--encoding") { Description = "pcm16 (default, or G.711 inputs stay G.711), ulaw or alaw (8 kHz)." };
        encoding.AcceptOnlyFromAmong("pcm16", "ulaw", "alaw");
        var rate = new Option<int?>("--rate") { Description = "8000 or 16000 (default: 16000 for wideband inputs, else 8000)." };
        rate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value is not (8000 or 16000))
            {
                result.AddError($"--rate must be 8000 or 16000, not {value}.");
            }
        });
        var normalize = new Option<bool>("--normalize") { Description = "Bring each prompt's active speech level (ITU-T P.56) to -26 dBov, without clipping." };
        var trim = new Option<bool>("--trim-silence") { Description = "Cut leading and trailing silence (below -50 dBFS), keeping 0.1 s at each end." };

        var command = new Command("fix", "Convert prompts into WAVs the platform accepts (decode, mix to mono, resample, "
            + "encode). Without --out or --in-place, shows what would change and writes nothing. Exit code 0: every file "
            + "is or would be accepted; 1: a file cannot be fixed; 2: usage error.")
        {
            paths, platform, outFolder, inPlace, noBackup, encoding, rate, normalize, trim,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(outFolder) is not null && result.GetValue(inPlace))
            {
                result.AddError("--out and --in-place cannot be combined: choose where the fixed prompts go.");
            }

            if (result.GetValue(noBackup) && !result.GetValue(inPlace))
            {
                result.AddError("--no-backup only applies with --in-place.");
            }

            // Raw tokens: a value the option itself rejected (--encoding mp3) must not throw here.
            var encodingToken = result.GetResult(encoding)?.Tokens is { Count: > 0 } encodingTokens ? encodingTokens[0].Value : null;
            var rateToken = result.GetResult(rate)?.Tokens is { Count: > 0 } rateTokens ? rateTokens[0].Value : null;
            if (encodingToken is "ulaw" or "alaw" && rateToken == "16000")
            {
                result.AddError("G.711 (ulaw, alaw) is 8 kHz only: use --rate 8000 or --encoding pcm16.");
            }
        });

        command.SetAction(parseResult =>
        {
            var target = new FixTarget(
                PlatformOption.Read(parseResult, platform),
                parseResult.GetValue(encoding) switch { "ulaw" => PromptEncoding.MuLaw, "alaw" => PromptEncoding.ALaw, "pcm16" => PromptEncoding.Pcm16, _ => null },
                parseResult.GetValue(rate),
                parseResult.GetValue(normalize),
                parseResult.GetValue(trim));
            var destination = new FixDestination(parseResult.GetValue(outFolder), parseResult.GetValue(inPlace), parseResult.GetValue(noBackup));
            return Run(parseResult.GetValue(paths) ?? [], target, destination, terminal, error);
        });
        return command;
    }

    private static int Run(string[] arguments, FixTarget target, FixDestination destination, Terminal terminal, TextWriter error)
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

        foreach (var problem in found.WalkProblems)
        {
            terminal.Line((Describe.Canonical(problem, problem.File ?? string.Empty), Color.Red));
        }

        var collisions = FixCollisions.Find(found.Files, destination);
        var outcomes = found.Files
            .Select(file => collisions.TryGetValue(file, out var collision) ? new FixRefused(file, collision) : PromptFixer.Fix(file, target, destination))
            .ToList();
        foreach (var outcome in outcomes)
        {
            Print(outcome, terminal);
        }

        var fixedCount = outcomes.Count(o => o is FixWritten);
        var refused = outcomes.Count(o => o is FixRefused);
        var verb = destination.DryRun ? "would fix" : "fixed";
        terminal.Line(($"{outcomes.Count} files: {fixedCount} {verb}, {outcomes.Count(o => o is FixUnchanged)} already accepted, {refused} cannot be fixed."
            + (destination.DryRun && fixedCount > 0 ? " Add --in-place or --out DIR to write." : string.Empty),
            refused > 0 || found.WalkProblems.Count > 0 ? Color.Red : Color.Green));
        return refused > 0 || found.WalkProblems.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static void Print(FixOutcome outcome, Terminal terminal)
    {
        switch (outcome)
        {
            case FixUnchanged unchanged:
                terminal.Line(("=", Color.Green), ($" {unchanged.Source}", null), ($"  already accepted ({unchanged.Summary}), unchanged", Color.Grey));
                break;
            case FixWritten written:
                var where = written.DryRun ? "dry run" : written.Backup is { } backup ? $"{written.Output}, original kept as {backup}" : written.Output;
                terminal.Line(("✓", Color.Green), ($" {written.Source}", null), ($"  {written.Before} → {written.After}  ({where})", Color.Grey));
                foreach (var remaining in written.Remaining)
                {
                    terminal.Line((Describe.Canonical(remaining, written.Source), Color.Yellow));
                }

                break;
            case FixRefused refused:
                terminal.Line(("✗", Color.Red), ($" {refused.Source}", null));
                terminal.Line((Describe.Canonical(refused.Reason, refused.Source), Color.Red));
                break;
        }
    }
}
