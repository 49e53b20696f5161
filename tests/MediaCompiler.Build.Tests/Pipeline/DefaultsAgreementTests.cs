using System.Text.RegularExpressions;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;
using Microsoft.Build.Evaluation;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// Code (<see cref="BuildDefaults"/>), the package's .props (evaluated by MSBuild) and the defaults tables of
/// docs/msbuild.md must agree: three readers of one fact.
/// </summary>
public sealed partial class DefaultsAgreementTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_props_declare_the_defaults_of_the_code()
    {
        var project = EvaluatePropsOnly();

        foreach (var (property, expected) in TaskSettings.Defaults)
        {
            Assert.True(expected == project.GetPropertyValue(property), $"{property}: code says '{expected}', .props says '{project.GetPropertyValue(property)}'");
        }
        var prompt = Assert.Single(project.GetItems("IvrPrompt"));
        foreach (var (metadata, expected) in BuildDefaults.PromptMetadata)
        {
            Assert.True(expected == prompt.GetMetadataValue(metadata), $"IvrPrompt {metadata}: code says '{expected}', .props says '{prompt.GetMetadataValue(metadata)}'");
        }
    }

    [Fact]
    public void The_docs_tables_state_the_defaults_of_the_code()
    {
        var documented = DocumentedDefaults();

        foreach (var (name, expected) in TaskSettings.Defaults.Concat(BuildDefaults.PromptMetadata))
        {
            Assert.True(documented.TryGetValue(name, out var stated), $"docs/msbuild.md has no table row for {name}");
            Assert.True(expected == stated, $"{name}: code says '{expected}', docs/msbuild.md says '{stated}'");
        }
    }

    [Fact]
    public void The_props_values_parse_to_the_same_settings_as_no_values_at_all()
    {
        var project = EvaluatePropsOnly();
        string? Read(string name) => project.GetPropertyValue(name);
        var fromProps = new RawBuildSettings
        {
            FlowId = "flow",
            Encoding = Read("IvrEncoding"),
            EnableOptimization = Read("IvrEnableOptimization"),
            StripMetadata = Read("IvrStripMetadata"),
            NormalizeVolume = Read("IvrNormalizeVolume"),
            MaxChannels = Read("IvrMaxChannels"),
            CompileTimeout = Read("IvrCompileTimeout"),
            MaxParallelUploads = Read("IvrMaxParallelUploads"),
            ValidateOnly = Read("IvrValidateOnly"),
            DownloadCompiledPrompts = Read("IvrDownloadCompiledPrompts"),
        };

        var parsed = SettingsParser.Parse(fromProps, [], _ => null).Settings;
        var defaults = SettingsParser.Parse(new RawBuildSettings { FlowId = "flow" }, [], _ => null).Settings;

        Assert.NotNull(parsed);
        Assert.Equal(defaults, parsed);
        Assert.Equal(BuildDefaults.CompileTimeout, parsed.CompileTimeout);
        Assert.Equal(BuildDefaults.Encoding, parsed.Encoding);
    }

    /// <summary>The .props alone, imported by a project with one prompt, evaluated (not built) by MSBuild.</summary>
    private Project EvaluatePropsOnly()
    {
        var file = _temp.Combine("defaults.proj");
        File.WriteAllText(file, $"""
            <Project>
              <Import Project="{Repository.PropsFile}" />
              <ItemGroup><IvrPrompt Include="welcome.wav" /></ItemGroup>
            </Project>
            """);
        var collection = new ProjectCollection();
        return collection.LoadProject(file);
    }

    /// <summary>Every "| `Name` | `value` | ..." row of docs/msbuild.md's tables: name → the default in backticks.</summary>
    private static Dictionary<string, string> DocumentedDefaults()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Repository.Root, "docs", "msbuild.md")))
        {
            if (TableRow().Match(line) is { Success: true } row)
            {
                rows.TryAdd(row.Groups["name"].Value, row.Groups["value"].Value);
            }
        }
        return rows;
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z]+)`\s*\|\s*`(?<value>[^`]*)`\s*\|")]
    private static partial Regex TableRow();
}
