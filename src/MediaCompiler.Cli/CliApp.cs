using System.CommandLine;

namespace MediaCompiler.Cli;

/// <summary>
/// The whole <c>ivr-media</c> command line, runnable in-process: tests call <see cref="Run"/> with string writers and
/// read the exit code it returns, exactly as the real entry point does with the console.
/// </summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="colour">
    /// Force colour on or off; null decides from the writer (a real terminal, and NO_COLOR unset).
    /// </param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool? colour = null)
    {
        var terminal = new Terminal(output, colour ?? Terminal.SupportsColour(output));
        var root = new RootCommand("Validate, probe and fix IVR voice prompts against the media engine's rules.")
        {
            ValidateCommand.Create(terminal, error),
            ProbeCommand.Create(terminal, error),
            CodesCommand.Create(terminal),
            Fixing.FixCommand.Create(terminal, error),
            GenesysCommand.Create(terminal, error),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // System.CommandLine's own handler would print help and return 1, which a git hook could not tell apart
            // from "a prompt failed validation"; usage errors get their own exit code.
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"ivr-media: {parseError.Message}");
            }

            error.WriteLine("Run 'ivr-media --help' for usage.");
            return ExitCodes.UsageError;
        }

        return parseResult.Invoke(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // A bug must surface as a crash with its stack trace, not as exit code 1 ("a prompt failed").
            EnableDefaultExceptionHandler = false,
        });
    }
}
