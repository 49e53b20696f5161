using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// A role that grants only some of the permissions a build needs, against the emulator over loopback (its
/// <c>permissionGrants</c>: 403 <c>missing.permissions</c> naming the permission, as the platform answers): the plan
/// needs only <c>architect:userPrompt:view</c>; a sync stops at the first write the role does not allow, with a coded
/// error naming the permission and the prompt, and changes nothing more.
/// </summary>
public sealed class PermissionTests
{
    private const string View = "architect:userPrompt:view";
    private const string Add = "architect:userPrompt:add";
    private const string Edit = "architect:userPrompt:edit";
    private const string Dependencies = "architect:dependencyTracking:view";

    private static async Task<ArchitectEmulator> StartAsync(params string[] granted)
    {
        var org = await ArchitectEmulator.StartAsync();
        await org.ConfigureAsync(new { PermissionGrants = new Dictionary<string, string[]> { [org.Emulator.ClientId] = granted } });
        return org;
    }

    private static async Task<IReadOnlyList<PromptDto>> PromptsAsync(ArchitectEmulator org)
    {
        // The check reads as a client the role does not limit: another client of the same org.
        await org.ConfigureAsync(new { PermissionGrants = new Dictionary<string, string[]>() });
        var token = await org.TokenAsync();
        return (await org.GetJsonAsync<PromptListingDto>("api/v2/architect/prompts?pageSize=100", token))!.Entities!;
    }

    [Fact]
    public async Task A_view_only_role_plans_and_its_sync_stops_at_the_create_naming_the_add_permission()
    {
        await using var org = await StartAsync(View, Dependencies);
        var prompt = org.Prompt("Welcome", "en-us", 440);

        var preview = await GenesysPromptPreview.PlanAsync([prompt], org.Options());
        Assert.NotNull(preview.Plan);
        Assert.Empty(preview.Diagnostics);

        var result = await GenesysPromptSync.RunAsync([prompt], org.Options());

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6037", prompt.AudioPath), (error.Code, error.File));
        Assert.Contains(Add, error.Message, StringComparison.Ordinal);
        Assert.Empty(await PromptsAsync(org));
    }

    [Fact]
    public async Task A_role_without_edit_creates_the_prompt_and_stops_at_its_audio_naming_the_edit_permission()
    {
        await using var org = await StartAsync(View, Add, Dependencies);
        var prompt = org.Prompt("Welcome", "en-us", 440);

        var result = await GenesysPromptSync.RunAsync([prompt], org.Options());

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.AllDiagnostics, d => d.Severity == MediaCompiler.Diagnostics.DiagnosticSeverity.Error);
        Assert.Equal(("IVR6010", prompt.AudioPath), (error.Code, error.File));
        Assert.Contains(Edit, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await PromptsAsync(org)).Single(p => p.Name == "Welcome").Resources ?? [], r => r.MediaUri is { Length: > 0 });
    }

    [Fact]
    public async Task Every_permission_the_docs_name_is_enough_and_none_more_is_needed()
    {
        await using var org = await StartAsync(View, Add, Edit, Dependencies);

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options());

        Assert.True(result.Succeeded, string.Join("; ", result.AllDiagnostics));
        Assert.Empty(result.AllDiagnostics);
    }

    [Fact]
    public async Task A_role_without_dependency_tracking_syncs_and_warns_that_the_flows_were_not_checked()
    {
        var flows = new Dictionary<string, string[]> { ["Welcome"] = ["Main menu"] };
        await using var org = await ArchitectEmulator.StartAsync(new { ConsumingFlows = flows });
        Assert.True((await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options())).Succeeded);
        await org.ConfigureAsync(new { ConsumingFlows = flows, PermissionGrants = new Dictionary<string, string[]> { [org.Emulator.ClientId] = [View, Add, Edit] } });

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 660)], org.Options());

        Assert.True(result.Succeeded, string.Join("; ", result.AllDiagnostics));
        var warning = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6010", MediaCompiler.Diagnostics.DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Contains(Dependencies, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_project_syncs_with_a_view_only_role()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompt = org.Prompt("Welcome", "en-us", 440);
        Assert.True((await GenesysPromptSync.RunAsync([prompt], org.Options())).Succeeded);
        await org.ConfigureAsync(new { PermissionGrants = new Dictionary<string, string[]> { [org.Emulator.ClientId] = [View] } });

        var result = await GenesysPromptSync.RunAsync([prompt], org.Options());

        Assert.True(result.Succeeded, string.Join("; ", result.AllDiagnostics));
        Assert.Empty(result.AllDiagnostics);
    }
}
