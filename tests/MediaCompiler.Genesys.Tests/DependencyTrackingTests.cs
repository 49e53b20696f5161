using System.Net.Http.Json;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// Dependency tracking as the platform answers it: paged consumers of many types, consumers whose state is unknown,
/// and a build that may not be current, in which case no orphan is deleted.
/// </summary>
public sealed class DependencyTrackingTests
{
    private const string DeletePrompt = "DELETE /api/v2/architect/prompts/{promptId}";

    [Fact]
    public async Task Every_page_of_consumers_is_read()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        Assert.True((await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options())).Succeeded);
        await org.ConfigureAsync(new { ConsumingFlows = new Dictionary<string, string[]> { ["Welcome"] = ["Main IVR", "After hours", "Holiday"] } });

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 880)], org.Options());

        Assert.Equal(["After hours", "Holiday", "Main IVR"], result.FlowsToRepublish);
        var warning = Assert.Single(result.AllDiagnostics);
        Assert.Equal("IVR6017", warning.Code);
        Assert.Contains("'Holiday' (INBOUNDCALLFLOW)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumed_orphan_names_its_consumers_by_type_and_unknown_state()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var keep = org.Prompt("Keep", "en-us", 440);
        Assert.True((await GenesysPromptSync.RunAsync([keep, org.Prompt("Old_prompt", "en-us", 450)], org.Options())).Succeeded);
        await org.ConfigureAsync(new
        {
            ConsumingFlows = new Dictionary<string, string[]> { ["Old_prompt"] = ["Queue music", "Agent script"] },
            ConsumerTypes = new Dictionary<string, string> { ["Queue music"] = "INQUEUECALLFLOW", ["Agent script"] = "SCRIPT" },
            StateUnknownConsumers = new[] { "Agent script" },
        });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([keep], org.Options(deleteOrphans: true)));

        var error = Assert.Single(result.AllDiagnostics);
        Assert.Equal("IVR6019", error.Code);
        Assert.Contains("'Agent script' (SCRIPT, state unknown), 'Queue music' (INQUEUECALLFLOW)", error.Message, StringComparison.Ordinal);
        Assert.False(requests.ContainsKey(DeletePrompt));
    }

    [Theory]
    [InlineData("BUILDINPROGRESS")]
    [InlineData("NOTBUILT")]
    [InlineData("OPERATIONALNEWBUILDNOTREADY")]
    public async Task No_orphan_is_deleted_while_the_dependency_tracking_build_is_not_current(string status)
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var keep = org.Prompt("Keep", "en-us", 440);
        Assert.True((await GenesysPromptSync.RunAsync([keep, org.Prompt("Old_prompt", "en-us", 450)], org.Options())).Succeeded);
        await org.ConfigureAsync(new { DependencyTrackingBuildStatus = status });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([keep], org.Options(deleteOrphans: true)));

        Assert.False(requests.ContainsKey(DeletePrompt));
        Assert.Equal(["IVR6018", "IVR6034"], result.AllDiagnostics.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Contains($"'{status}'", result.AllDiagnostics.Single(d => d.Code == "IVR6034").Message, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task The_emulator_pages_consumers_with_next_and_last_addresses_and_answers_the_build_status()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ReadAfterWriteNotFoundMilliseconds = 0, ResourceCreateNotFoundMilliseconds = 0 });
        var token = await org.TokenAsync();
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/v2/architect/prompts") { Content = JsonContent.Create(new { name = "Welcome" }) };
        create.Headers.Authorization = new("Bearer", token);
        using var created = await org.Admin.SendAsync(create);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await org.ConfigureAsync(new { ConsumingFlows = new Dictionary<string, string[]> { ["Welcome"] = ["A", "B"] } });

        var first = await org.GetJsonAsync<JsonDocument>($"api/v2/architect/dependencytracking/consumingresources?id={id}&objectType=USERPROMPT&pageSize=100", token);
        var build = await org.GetJsonAsync<JsonDocument>("api/v2/architect/dependencytracking/build", token);

        var page = first!.RootElement;
        Assert.Equal((2, 1), (page.GetProperty("pageCount").GetInt32(), page.GetProperty("entities").GetArrayLength()));
        Assert.Contains("pageNumber=2", page.GetProperty("nextUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("pageNumber=2", page.GetProperty("lastUri").GetString(), StringComparison.Ordinal);
        Assert.False(page.GetProperty("entities")[0].GetProperty("stateUnknown").GetBoolean());
        Assert.Equal("OPERATIONAL", build!.RootElement.GetProperty("status").GetString());
    }
}
