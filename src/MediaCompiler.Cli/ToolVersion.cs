using System.Reflection;

namespace MediaCompiler.Cli;

/// <summary>The tool's informational version (package version), as SARIF and --version report it.</summary>
internal static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
