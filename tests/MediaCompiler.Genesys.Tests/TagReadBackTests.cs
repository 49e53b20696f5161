namespace MediaCompiler.Genesys.Tests;

/// <summary>Skipping unchanged audio rests on the tags we write; an org that drops them must be told, once a sync.</summary>
public sealed class TagReadBackTests
{
    [Fact]
    public async Task An_org_that_drops_our_tags_gets_one_warning_saying_hash_skipping_is_off_and_what_it_costs()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { DropTags = true });
        var prompts = new[] { org.Prompt("Welcome", "en-us", 440), org.Prompt("Goodbye", "en-us", 450) };

        var first = await GenesysPromptSync.RunAsync(prompts, org.Options());
        var again = await GenesysPromptSync.RunAsync(prompts, org.Options());

        Assert.True(first.Succeeded, string.Join("\n", first.AllDiagnostics));
        var warning = Assert.Single(first.AllDiagnostics);
        Assert.Equal("IVR6035", warning.Code);
        Assert.Contains("re-uploads all 2 resource(s)", warning.Message, StringComparison.Ordinal);
        // The cost is real: nothing is recognised as unchanged, so everything goes up again, and the warning with it.
        Assert.Equal(2, again.Counts.Uploaded);
        Assert.Equal("IVR6035", Assert.Single(again.AllDiagnostics).Code);
    }

    [Fact]
    public async Task An_org_that_keeps_our_tags_gets_no_warning()
    {
        await using var org = await ArchitectEmulator.StartAsync();

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options());

        Assert.True(result.Succeeded);
        Assert.Empty(result.AllDiagnostics);
    }
}
