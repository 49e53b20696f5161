using System.Text.RegularExpressions;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;
using Microsoft.Build.Evaluation;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// Fix texts that work when pasted: the <c>&lt;IvrPrompt Update="…" NodeId="…" /&gt;</c> that IVR2021 proposes is
/// pasted into a real project, which MSBuild evaluates; the item it names must get the proposed NodeId, whatever
/// characters its path holds (MSBuild's <c>; $ @ % ( ) ' * ?</c>, XML's <c>&amp;</c>).
/// </summary>
public sealed partial class PastedFixTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("at@(Bar).wav")]
    [InlineData("semi;colon.wav")]
    [InlineData("dollar$(Foo).wav")]
    [InlineData("percent%3B.wav")]
    [InlineData("it's (1).wav")]
    [InlineData("a&b.wav")]
    [InlineData("star*q.wav")]
    public void The_proposed_update_names_the_item_and_sets_the_node_id(string fileName)
    {
        if (OperatingSystem.IsWindows() && fileName.Contains('*', StringComparison.Ordinal))
        {
            return; // not a legal Windows file name
        }
        var folder = _temp.Combine("project");
        Directory.CreateDirectory(Path.Combine(folder, "prompts"));
        File.WriteAllBytes(Path.Combine(folder, "prompts", fileName), [0]);
        File.WriteAllBytes(Path.Combine(folder, "prompts", "welcome.wav"), [0]);
        var itemSpec = "prompts/" + fileName; // what MSBuild hands the task for a globbed item

        var parsed = SettingsParser.Parse(new RawBuildSettings { ValidateOnly = "true" },
            [new RawPrompt(Path.Combine(folder, "prompts", fileName), itemSpec, null, null, null)], _ => null);
        var invalid = Assert.Single(parsed.Diagnostics, d => d.Code == "IVR2021");
        var pasted = ProposedUpdate().Match(invalid.Message);
        Assert.True(pasted.Success, invalid.Message);
        var proposedNodeId = pasted.Groups["node"].Value;

        var project = Path.Combine(folder, "prompts.proj");
        File.WriteAllText(project, $"""
            <Project>
              <ItemGroup>
                <IvrPrompt Include="prompts/*.wav" />
                {pasted.Value}
              </ItemGroup>
            </Project>
            """);
        using var collection = new ProjectCollection();
        var items = collection.LoadProject(project).GetItems("IvrPrompt");

        var named = Assert.Single(items, i => i.EvaluatedInclude.EndsWith(fileName, StringComparison.Ordinal));
        Assert.Equal(proposedNodeId, named.GetMetadataValue("NodeId"));
        Assert.Equal("", Assert.Single(items, i => i.EvaluatedInclude.EndsWith("welcome.wav", StringComparison.Ordinal)).GetMetadataValue("NodeId"));
    }

    [Fact]
    public void Proposals_for_names_that_clean_up_alike_differ_and_applied_together_leave_no_error()
    {
        // "a#b", "a&b" and "a@b" all clean up to "a-b", which a fourth prompt already is.
        string[] names = ["a#b.wav", "a&b.wav", "a@b.wav", "a-b.wav", "straße.wav"];
        var prompts = names.Select(n => new RawPrompt(_temp.Combine("prompts", n), "prompts/" + n, null, null, null)).ToList();

        var parsed = SettingsParser.Parse(new RawBuildSettings { ValidateOnly = "true" }, prompts, _ => null);
        var proposals = parsed.Diagnostics.Where(d => d.Code == "IVR2021")
            .ToDictionary(d => d.File!, d => ProposedUpdate().Match(d.Message).Groups["node"].Value);

        Assert.Equal(["a-b-2", "a-b-3", "a-b-4", "strasse"], proposals.Values.Order(StringComparer.Ordinal));
        var applied = prompts.Select(p => p with { NodeId = proposals.GetValueOrDefault(p.Path) }).ToList();
        var reparsed = SettingsParser.Parse(new RawBuildSettings { ValidateOnly = "true" }, applied, _ => null);
        Assert.DoesNotContain(reparsed.Diagnostics, d => d.Code is "IVR2020" or "IVR2021");
    }

    [GeneratedRegex(@"<IvrPrompt Update=""[^""]*"" NodeId=""(?<node>[^""]*)"" />")]
    private static partial Regex ProposedUpdate();
}
