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

    /// <summary>Raised by the targets file itself (publish or pack with no-build loads no task), so its text lives in the targets too.</summary>
    public static readonly DiagnosticDescriptor NothingBuiltToShip = new(
        "IVR2042", DiagnosticSeverity.Error, "No compiled prompts to publish",
        "Project '{0}' is published or packed without building (NoBuild), but its last build left no compiled prompts for its {1} IvrPrompt item(s): it was never built, or only with IvrValidateOnly or IvrPlanOnly. The output would have no prompts.",
        "Build the project first with the same configuration (dotnet build -c <configuration>), then publish or pack with --no-build; or leave --no-build out.");

    public static readonly DiagnosticDescriptor ManifestNotWritten = new(
        "IVR2041", DiagnosticSeverity.Error, "Prompt manifest cannot be written",
        "The manifest of compiled prompts '{0}' cannot be written: {1}",
        "Check that the build may write to the folder (IvrCompiledPromptsDirectory, IvrIntermediateDirectory), then rebuild.");
}
