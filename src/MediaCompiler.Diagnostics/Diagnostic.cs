using System.Globalization;

namespace MediaCompiler.Diagnostics;

/// <summary>A reported problem: a catalogue entry applied to a file with the measured values filled in.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, string? File, string Message, DiagnosticSeverity Severity)
{
    public string Code => Descriptor.Code;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// Formats the descriptor's message and fix with <paramref name="args"/>. The message reads
    /// "<c>{message} Fix: {fix}</c>" so that every diagnostic says what to do, on one line.
    /// </summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, string? file, params object?[] args)
    {
        var message = string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args);
        // {0} is the file name (every template's convention); in a fix it stands inside a command's double quotes.
        var fixArgs = args is [string name, ..] ? [ShellText.InDoubleQuotes(name), .. args[1..]] : args;
        var fix = string.Format(CultureInfo.InvariantCulture, descriptor.Fix, fixArgs);
        var text = fix.Length == 0 ? message : $"{message} Fix: {fix}";
        return new Diagnostic(descriptor, file, text, descriptor.Severity);
    }

    /// <summary>The MSBuild/compiler canonical form: <c>file: error IVR1001: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return File is null ? $"{severity} {Code}: {Message}" : $"{File}: {severity} {Code}: {Message}";
    }
}
