namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR90xx: our own bugs. Kept apart from every other range so that a failure of this code is never blamed on the
/// user's prompts, settings or engine.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor InternalError = new(
        "IVR9001", DiagnosticSeverity.Error, "Internal error",
        "MediaCompiler.Build failed with an internal error while {0}: {1}: {2}. This is a bug in MediaCompiler.Build, not a problem with your prompts, settings or media engine.",
        "Please report it to the MediaCompiler.Build maintainers with the package version and the build log at detailed verbosity (-v:d), which holds the stack trace.");
}
