using System.Reflection;

namespace MediaCompiler.Diagnostics;

/// <summary>
/// The one catalogue of every IVR#### code. Each area declares its entries in its own part of this class
/// (DiagnosticCatalog.Audio.cs, .Settings.cs, ...) so that all codes live in this one folder and one type.
/// <list type="table">
/// <item><term>IVR1xxx</term><description>prompt audio: probing and the media engine's rules (DiagnosticCatalog.Audio.cs)</description></item>
/// <item><term>IVR2xxx</term><description>build settings and item metadata (DiagnosticCatalog.Settings.cs)</description></item>
/// <item><term>IVR3xxx</term><description>engine-side compilation: decoding and conversion rejections (DiagnosticCatalog.Engine.cs)</description></item>
/// <item><term>IVR4xxx</term><description>talking to a remote engine: authentication, HTTP, timeouts (DiagnosticCatalog.Remote.cs)</description></item>
/// <item><term>IVR5xxx</term><description>local state: caches, stamps, audit log (DiagnosticCatalog.State.cs)</description></item>
/// <item><term>IVR6xxx</term><description>Genesys Cloud Architect user prompts (DiagnosticCatalog.Genesys.cs)</description></item>
/// </list>
/// docs/diagnostics.md documents every entry; a test keeps the two in step.
/// </summary>
public static partial class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllDescriptors = new(() =>
        typeof(DiagnosticCatalog)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray());

    /// <summary>Every descriptor, ordered by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    /// <summary>
    /// True for a code of this catalogue's form (<c>IVR</c> and four digits), known or not. An engine's error code is
    /// reported as a build error's code only when it is one: a blank or foreign code ("bad.request") is not.
    /// </summary>
    public static bool IsWellFormedCode(string? code) =>
        code is { Length: 7 } && code.StartsWith("IVR", StringComparison.Ordinal) && code.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The descriptor with <paramref name="code"/>, or null.</summary>
    public static DiagnosticDescriptor? Find(string code) =>
        All.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));
}
