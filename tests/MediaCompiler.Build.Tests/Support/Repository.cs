using System.Reflection;

namespace MediaCompiler.Build.Tests.Support;

/// <summary>Paths in this repository, for tests that build its targets and sample.</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string BuildPackageSource => Path.Combine(Root, "src", "MediaCompiler.Build");

    public static string PropsFile => Path.Combine(BuildPackageSource, "build", "MediaCompiler.Build.props");

    public static string TargetsFile => Path.Combine(BuildPackageSource, "build", "MediaCompiler.Build.targets");

    public static string Sample => Path.Combine(Root, "sample-ivr-project");

    /// <summary>The task assembly this test run was built with (copied next to the tests with its dependencies).</summary>
    public static string TaskAssembly => Path.Combine(AppContext.BaseDirectory, "MediaCompiler.Build.dll");
}
