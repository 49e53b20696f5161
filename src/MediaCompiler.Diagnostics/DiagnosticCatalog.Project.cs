namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR2040-IVR2069: how the package fits into the consuming project (items, outputs, the manifest of compiled prompts).
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>Raised by the targets file itself (no task runs without prompts), so its text lives in the targets too.</summary>
    public static readonly DiagnosticDescriptor NoPrompts = new(
        "IVR2040", DiagnosticSeverity.Warning, "No IvrPrompt items",
        "Project '{0}' references MediaCompiler.Build but has no IvrPrompt item, so nothing is validated or compiled.",
        "Add <IvrPrompt Include=\"prompts/**/*.wav\" /> (check the glob's folder and extensions), or set <IvrAllowNoPrompts>true</IvrAllowNoPrompts> to silence this warning.");

    public static readonly DiagnosticDescriptor ManifestNotWritten = new(
        "IVR2041", DiagnosticSeverity.Error, "Prompt manifest cannot be written",
        "The manifest of compiled prompts '{0}' cannot be written: {1}",
        "Check that the build may write to the folder (IvrCompiledPromptsDirectory, IvrIntermediateDirectory), then rebuild.");
}
