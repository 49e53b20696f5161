using Spectre.Console;
using Spectre.Console.Rendering;

namespace MediaCompiler.Cli;

/// <summary>
/// Where command output goes. With colour it renders through Spectre.Console; without (redirected output, NO_COLOR,
/// tests) it writes plain text straight to the writer, so that diagnostic lines stay byte-exact for tools that parse
/// them (MSBuild-style problem matchers, grep in git hooks).
/// </summary>
public sealed class Terminal
{
    private const int UnfoldedWidth = 1 << 20;

    private readonly TextWriter _writer;
    private readonly IAnsiConsole _console;

    public Terminal(TextWriter writer, bool colour)
    {
        _writer = writer;
        Colour = colour;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        if (!_console.Profile.Out.IsTerminal)
        {
            // Redirected output has no width; wide enough that a probe table of a long path does not fold.
            _console.Profile.Width = 160;
        }
    }

    public bool Colour { get; }

    /// <summary>
    /// True when <paramref name="writer"/> is the process's own stdout on a terminal and the user has not asked for
    /// no colour (https://no-color.org) or a dumb terminal.
    /// </summary>
    public static bool SupportsColour(TextWriter writer)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
        {
            return false;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal))
        {
            return false;
        }

        return ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
    }

    /// <summary>Writes one line made of <paramref name="parts"/>, each in its colour when colour is on.</summary>
    public void Line(params (string Text, Color? Colour)[] parts)
    {
        if (!Colour)
        {
            foreach (var (text, _) in parts)
            {
                _writer.Write(text);
            }

            _writer.WriteLine();
            return;
        }

        // A long diagnostic must stay one line (copy-pasting its ffmpeg command, matching it in a terminal's
        // problem matcher), so Spectre must not fold it at the window width: the terminal soft-wraps it instead.
        var width = _console.Profile.Width;
        _console.Profile.Width = UnfoldedWidth;
        try
        {
            foreach (var (text, colour) in parts)
            {
                _console.Write(new Text(text, colour is null ? Style.Plain : new Style(colour)));
            }

            _console.WriteLine();
        }
        finally
        {
            _console.Profile.Width = width;
        }
    }

    /// <summary>Writes plain text exactly as given (the JSON document, the Markdown catalogue).</summary>
    public void Raw(string text) => _writer.Write(text);

    /// <summary>Renders a Spectre widget (tables); without colour it comes out as plain text with ASCII-safe borders.</summary>
    public void Render(IRenderable renderable) => _console.Write(renderable);
}
