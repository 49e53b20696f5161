using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;

namespace MediaCompiler.Build;

/// <summary>
/// Every setting <see cref="CompileIvrPrompts"/> takes: the shared ones (<see cref="BuildSettings"/>) and each
/// platform's own (<see cref="GenesysSettings"/>), each declared once in its project. The package's .props, the task's
/// parameters, the targets and docs/msbuild.md are checked against this list by tests.
/// </summary>
public static class TaskSettings
{
    public static IReadOnlyList<BuildSetting> All { get; } = [.. BuildSettings.All, .. GenesysSettings.All];

    /// <summary>The MSBuild properties with a non-empty default, spelled as the .props and the docs spell them.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } =
        All.Where(s => s.Default is not null).ToDictionary(s => s.Property, s => s.Default!, StringComparer.Ordinal);
}
