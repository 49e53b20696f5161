namespace MediaCompiler.Diagnostics;

/// <summary>
/// One entry of the catalogue: a stable code with its severity, a short title, the message template and the fix.
/// </summary>
/// <param name="Code">Stable code, <c>IVR</c> and four digits. Never reused for another meaning.</param>
/// <param name="Severity">Default severity.</param>
/// <param name="Title">A few words naming the rule, used in docs/diagnostics.md.</param>
/// <param name="MessageFormat">
/// A <see cref="string.Format(string, object[])"/> template. Messages name the file, the measured value and the rule;
/// the fix is appended from <paramref name="Fix"/>.
/// </param>
/// <param name="Fix">What the user does about it (may contain placeholders, formatted with the same arguments).</param>
public sealed record DiagnosticDescriptor(
    string Code,
    DiagnosticSeverity Severity,
    string Title,
    string MessageFormat,
    string Fix);
