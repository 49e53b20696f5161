using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>How every parser of settings reads a property's text: blank is unset, booleans are true/false or IVR2010.</summary>
public static class SettingValues
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool ParseBool(string property, string? value, bool defaultValue, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return defaultValue;
        }
        if (bool.TryParse(text, out var parsed))
        {
            return parsed;
        }
        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidBooleanSetting, null, property, text));
        return defaultValue;
    }
}
