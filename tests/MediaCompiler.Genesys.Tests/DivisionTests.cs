using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// IvrGenesysDivision against the emulator over loopback: the division is resolved once (by name or id), prompts are
/// created in it, listings are scoped to it (so orphans elsewhere are never touched), and a division the org lacks, a
/// division the client's role does not cover and a name held in another division are each a coded error.
/// </summary>
public sealed class DivisionTests
{
    private const string SalesId = "5a1e5000-0000-4000-8000-000000000042";
    private const string CreatePrompt = "POST /api/v2/architect/prompts";
    private const string DeletePrompt = "DELETE /api/v2/architect/prompts/{promptId}";

    private static Task<ArchitectEmulator> StartWithSalesAsync(object? more = null) =>
        ArchitectEmulator.StartAsync(more ?? new { Divisions = new Dictionary<string, string> { ["Sales"] = SalesId } });

    [Theory]
    [InlineData("sales")]
    [InlineData(SalesId)]
    public async Task Prompts_are_created_in_the_division_and_orphans_of_other_divisions_are_never_seen(string division)
    {
        await using var org = await StartWithSalesAsync();
        // A managed prompt of this build's marker in Home: an orphan for an unscoped sync, none of a Sales sync's business.
        Assert.True((await GenesysPromptSync.RunAsync([org.Prompt("Home_prompt", "en-us", 430)], org.Options())).Succeeded);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Sales_menu", "en-us", 440)],
            org.Options(deleteOrphans: true, division: division)));

        Assert.True(result.Succeeded, string.Join("; ", result.AllDiagnostics));
        Assert.Empty(result.AllDiagnostics);
        Assert.Equal(0, result.Counts.OrphansDeleted);
        Assert.False(requests.ContainsKey(DeletePrompt));
        Assert.Equal(1, requests["GET /api/v2/authorization/divisions"]);
        var token = await org.TokenAsync();
        var all = (await org.GetJsonAsync<PromptListingDto>("api/v2/architect/prompts?pageSize=100", token))!.Entities!;
        Assert.Equal(SalesId, all.Single(p => p.Name == "Sales_menu").Division!.Id);
        Assert.Equal("Home", all.Single(p => p.Name == "Home_prompt").Division!.Name);

        // A second build in the division finds its prompt unchanged: the scoped listing sees what it created.
        var again = await GenesysPromptSync.RunAsync([org.Prompt("Sales_menu", "en-us", 440)], org.Options(deleteOrphans: true, division: division));
        Assert.Equal(1, again.Counts.Unchanged);
        Assert.Empty(again.AllDiagnostics);
    }

    [Fact]
    public async Task An_unknown_division_is_IVR6036_before_any_write()
    {
        await using var org = await StartWithSalesAsync();

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options(division: "Marketing")));

        var error = Assert.Single(result.AllDiagnostics);
        Assert.Equal("IVR6036", error.Code);
        Assert.Contains("'Marketing'", error.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
        Assert.DoesNotContain(requests.Keys, k => k.StartsWith("POST ", StringComparison.Ordinal) && k != "POST /oauth/token");
        Assert.False(requests.ContainsKey("GET /api/v2/architect/prompts"));
    }

    [Fact]
    public async Task A_plan_in_an_unknown_division_is_IVR6036_too()
    {
        await using var org = await StartWithSalesAsync();

        var preview = await GenesysPromptPreview.PlanAsync([org.Prompt("Welcome", "en-us", 440)], org.Options(division: "Marketing"));

        Assert.Null(preview.Plan);
        Assert.Equal("IVR6036", Assert.Single(preview.Diagnostics).Code);
    }

    [Fact]
    public async Task A_client_whose_role_covers_only_another_division_gets_IVR6037_naming_the_division_and_the_permission()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        await org.ConfigureAsync(new
        {
            Divisions = new Dictionary<string, string> { ["Sales"] = SalesId },
            DivisionGrants = new Dictionary<string, string[]> { [org.Emulator.ClientId] = [SalesId] },
        });
        var prompt = org.Prompt("Welcome", "en-us", 440);

        var result = await GenesysPromptSync.RunAsync([prompt], org.Options(division: "Home"));

        var error = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6037", prompt.AudioPath), (error.Code, error.File));
        Assert.Contains("'Home'", error.Message, StringComparison.Ordinal);
        Assert.Contains("architect:userPrompt:add", error.Message, StringComparison.Ordinal);

        // The same client in the division its role covers succeeds.
        Assert.True((await GenesysPromptSync.RunAsync([prompt], org.Options(division: "Sales"))).Succeeded);
    }

    [Fact]
    public async Task A_name_already_held_in_another_division_is_IVR6038_naming_that_division_and_nothing_is_written_there()
    {
        await using var org = await StartWithSalesAsync();
        Assert.True((await GenesysPromptSync.RunAsync([org.Prompt("Greeting", "en-us", 430)], org.Options())).Succeeded);
        var moved = org.Prompt("Greeting", "en-us", 880);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([moved], org.Options(division: "Sales")));

        var error = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6038", moved.AudioPath), (error.Code, error.File));
        Assert.Contains("'Sales'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Home'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, requests[CreatePrompt]);
        Assert.DoesNotContain(requests.Keys, k => k.StartsWith("PUT ", StringComparison.Ordinal) || k.Contains("/uploads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_division_nothing_is_resolved_and_no_division_is_sent()
    {
        await using var org = await StartWithSalesAsync();

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options()));

        Assert.True(result.Succeeded);
        Assert.False(requests.ContainsKey("GET /api/v2/authorization/divisions"));
        var listing = await org.GetJsonAsync<PromptListingDto>("api/v2/architect/prompts?divisionId=" + MediaCompiler.Emulator.Architect.ArchitectSettings.HomeDivisionId, await org.TokenAsync());
        Assert.Equal("Welcome", Assert.Single(listing!.Entities!).Name);
    }
}
