namespace MediaCompiler.Diagnostics;

/// <summary>How a diagnostic affects the build: errors fail it, warnings are reported and let it pass.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
    Info,
}
