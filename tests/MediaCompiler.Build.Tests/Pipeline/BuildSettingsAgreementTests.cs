using System.Reflection;
using System.Text.RegularExpressions;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// One settings surface: each setting is declared once (<see cref="TaskSettings.All"/>), and every other place that
/// spells it (the task's parameters, the targets that pass them, <see cref="RawBuildSettings"/>, docs/msbuild.md's
/// tables) must say the same; DefaultsAgreementTests checks the defaults in the .props and the docs.
/// </summary>
public sealed partial class BuildSettingsAgreementTests
{
    /// <summary>Task parameters that are not settings: what the targets compute for the task, with the reason.</summary>
    private static readonly HashSet<string> TaskPlumbing =
    [
        "ItemIndexFile",   // the targets' per-item state file
        "ProjectFile",     // where settings errors are reported
        "HelpDocumentUrl", // the package's docs/diagnostics.md, for HelpLinks
        "OutputLinkDirectory", // the output folder's prompts/, from OutDir (IvrLinkCompiledPrompts)
        "PromptsTargetFolder", // IvrPromptsTargetFolder, for the compiled prompts' TargetPath
    ];

    private static IEnumerable<string> DeclaredParameters => TaskSettings.All.Select(s => s.Parameter);

    [Fact]
    public void Each_setting_is_declared_once_with_an_ivr_property_and_a_summary()
    {
        Assert.Equal(TaskSettings.All.Count, TaskSettings.All.Select(s => s.Property).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(TaskSettings.All, s => Assert.Matches("^Ivr[A-Z][A-Za-z]+$", s.Property));
        Assert.All(TaskSettings.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Summary), s.Property));
    }

    [Fact]
    public void The_task_takes_exactly_the_declared_settings_as_string_parameters()
    {
        var parameters = typeof(CompileIvrPrompts).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.PropertyType == typeof(string) && p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => p.Name)
            .Where(name => !TaskPlumbing.Contains(name))
            .Order(StringComparer.Ordinal);

        Assert.Equal(DeclaredParameters.Order(StringComparer.Ordinal), parameters);
    }

    [Fact]
    public void The_targets_pass_every_declared_setting_from_its_property()
    {
        var targets = File.ReadAllText(Repository.TargetsFile);
        var call = TaskCall().Match(targets);
        Assert.True(call.Success, "no <CompileIvrPrompts ...> call in the targets");
        var passed = PassedParameter().Matches(call.Value).ToDictionary(m => m.Groups["parameter"].Value, m => m.Groups["property"].Value, StringComparer.Ordinal);

        foreach (var setting in TaskSettings.All)
        {
            Assert.True(passed.TryGetValue(setting.Parameter, out var property), $"the targets do not pass {setting.Parameter}");
            Assert.Equal(setting.Property, property);
        }
    }

    [Fact]
    public void The_raw_settings_carry_exactly_the_declared_settings()
    {
        var members = new[] { typeof(RawBuildSettings), typeof(RawGenesysSettings) }
            .SelectMany(type => type.GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => p.Name))
            .Order(StringComparer.Ordinal);

        // IvrSarifLog is where the task writes its report, not a setting the pipeline parses.
        Assert.Equal(DeclaredParameters.Where(p => p != "SarifLog").Order(StringComparer.Ordinal), members);
    }

    [Fact]
    public void The_docs_have_a_row_for_every_declared_setting()
    {
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "msbuild.md"));

        Assert.All(TaskSettings.All, s => Assert.Contains($"| `{s.Property}` |", docs, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"<CompileIvrPrompts\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex TaskCall();

    [GeneratedRegex(@"(?<parameter>[A-Za-z]+)=""\$\((?<property>Ivr[A-Za-z]+)\)""")]
    private static partial Regex PassedParameter();
}
