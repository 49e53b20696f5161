using System.Reflection;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Repo;

/// <summary>
/// The pipeline knows platforms through one neutral seam (<see cref="IPromptPlatform"/>, <see cref="IPlatformSettingsParser"/>):
/// no Genesys type, member or setting lives in MediaCompiler.Pipeline, and no Genesys MSBuild property is declared there.
/// </summary>
public sealed class PlatformSeamTests
{
    private static readonly Assembly Pipeline = typeof(PromptPipeline).Assembly;

    [Fact]
    public void The_pipeline_has_no_genesys_type_or_member()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = Pipeline.GetTypes()
            .SelectMany(type => type.GetMembers(all).Select(member => $"{type.FullName}.{member.Name}").Prepend(type.FullName!))
            .Where(name => name.Contains("Genesys", StringComparison.OrdinalIgnoreCase))
            .ToArray();

        Assert.Empty(named);
    }

    [Fact]
    public void The_pipeline_declares_no_platform_specific_setting()
    {
        Assert.DoesNotContain(BuildSettings.All, s => s.Property.StartsWith("IvrGenesys", StringComparison.Ordinal));
        Assert.Contains(TaskSettings.All, s => s.Property == "IvrGenesysRegion");
    }
}
