using System.CommandLine;
using MediaCompiler.Diagnostics;
using Spectre.Console;

namespace MediaCompiler.Cli;

/// <summary>
/// <c>ivr-media codes [CODE] [--markdown]</c>: the whole IVR#### catalogue, one code (any case: ivr1103), or
/// docs/diagnostics.md.
/// </summary>
internal static class CodesCommand
{
    public static Command Create(Terminal terminal)
    {
        var markdown = new Option<bool>("--markdown")
        {
            Description = "Print the catalogue as docs/diagnostics.md (build/gen-diagnostics-doc.sh writes it with this).",
        };
        var code = new Argument<string?>("code")
        {
            Description = "One code to show, e.g. IVR1103 (case does not matter). Without it, every code.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        UnknownOptions.RejectIn(code);
        var command = new Command("codes", "List every IVR#### diagnostic (or one): severity, title, message and fix. "
            + "Exit code 2 for a code that does not exist.") { code, markdown };
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(code) is { } wanted)
            {
                var descriptor = DiagnosticCatalog.All.FirstOrDefault(d => d.Code.Equals(wanted.Trim(), StringComparison.OrdinalIgnoreCase));
                if (descriptor is null)
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"ivr-media: there is no code '{wanted}'. Run 'ivr-media codes' for the list.");
                    return ExitCodes.UsageError;
                }

                WriteOne(descriptor, terminal);
                terminal.Line(($"    More:    {Output.CliSarif.HelpUri(descriptor.Code)}", Color.Grey));
                return ExitCodes.Success;
            }

            if (parseResult.GetValue(markdown))
            {
                terminal.Raw(DiagnosticsMarkdown.Render(DiagnosticCatalog.All));
            }
            else
            {
                WriteReadable(DiagnosticCatalog.All, terminal);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteReadable(IReadOnlyList<DiagnosticDescriptor> descriptors, Terminal terminal)
    {
        foreach (var descriptor in descriptors)
        {
            WriteOne(descriptor, terminal);
        }

        terminal.Line(($"{descriptors.Count} codes. 'ivr-media codes --markdown' prints them as docs/diagnostics.md.", null));
    }

    private static void WriteOne(DiagnosticDescriptor descriptor, Terminal terminal)
    {
        var severity = Describe.Severity(descriptor.Severity);
        terminal.Line(
            (descriptor.Code, Color.Aqua),
            ($"  {severity,-7}  ", descriptor.Severity == DiagnosticSeverity.Error ? Color.Red : Color.Yellow),
            (descriptor.Title, null));
        terminal.Line(($"    Message: {DiagnosticsMarkdown.ShowPlaceholders(descriptor.MessageFormat)}", null));
        if (descriptor.Fix.Length > 0)
        {
            terminal.Line(($"    Fix:     {DiagnosticsMarkdown.ShowPlaceholders(descriptor.Fix)}", Color.Grey));
        }
    }
}
