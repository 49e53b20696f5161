namespace MediaCompiler.Build.Tests.MSBuild;

/// <summary>
/// The classes that build with MSBuild's one in-process BuildManager: xUnit must not run two of them at once (the
/// manager accepts one build at a time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessMSBuildCollection
{
    public const string Name = "In-process MSBuild";
}
