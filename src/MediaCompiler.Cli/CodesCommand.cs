using System.CommandLine;
using MediaCompiler.Diagnostics;
using Spectre.Console;

namespace MediaCompiler.Cli;

/// <summary><c>ivr-media codes [--markdown]</c>: the whole IVR#### catalogue, or docs/diagnostics.md.</summary>
internal static class CodesCommand
{
    public static Command Create(Terminal terminal)
    {
        var markdown = new Option<bool>("--markdown")
        {
            Description = "Print the catalogue as docs/diagnostics.md (build/gen-diagnostics-doc.sh writes it with this).",
        };
        var command = new Command("codes", "List every IVR#### diagnostic: severity, title, message and fix.") { markdown };
        command.SetAction(parseResult =>
        {
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

        terminal.Line(($"{descriptors.Count} codes. 'ivr-media codes --markdown' prints them as docs/diagnostics.md.", null));
    }
}
