using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests;

/// <summary>Orphans, flows that still play old audio, a create that races another, and listings past the paging cap.</summary>
public sealed class OrphanAndFlowTests
{
    private const string DeletePrompt = "DELETE /api/v2/architect/prompts/{promptId}";

    [Fact]
    public async Task An_orphan_is_reported_and_deleted_only_with_the_switch_and_only_when_unconsumed()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var keep = org.Prompt("Keep", "en-us", 440);
        var old = org.Prompt("Old_prompt", "en-us", 450);
        Assert.True((await GenesysPromptSync.RunAsync([keep, old], org.Options())).Succeeded);
        var token = await org.TokenAsync();
        await CreateForeignPromptAsync(org, token, "Not_ours");

        var reported = await GenesysPromptSync.RunAsync([keep], org.Options());
        var warning = Assert.Single(reported.AllDiagnostics);
        Assert.Equal("IVR6018", warning.Code);
        Assert.Contains("'Old_prompt'", warning.Message, StringComparison.Ordinal);

        await org.ConfigureAsync(new { ConsumingFlows = new Dictionary<string, string[]> { ["Old_prompt"] = ["Main IVR"] } });
        var (consumed, consumedRequests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([keep], org.Options(deleteOrphans: true)));
        var error = Assert.Single(consumed.AllDiagnostics);
        Assert.Equal("IVR6019", error.Code);
        Assert.Contains("'Main IVR'", error.Message, StringComparison.Ordinal);
        Assert.False(consumedRequests.ContainsKey(DeletePrompt));

        await org.ConfigureAsync(new { });
        var (deleted, deleteRequests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([keep], org.Options(deleteOrphans: true)));
        Assert.Equal("IVR6020", Assert.Single(deleted.AllDiagnostics).Code);
        Assert.Equal(1, deleteRequests[DeletePrompt]);
        Assert.Equal(1, deleted.Counts.OrphansDeleted);

        var listing = await org.GetJsonAsync<Wire.PromptListingDto>("api/v2/architect/prompts?pageSize=100", token);
        Assert.Equal(["Keep", "Not_ours"], listing!.Entities!.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_changed_prompt_names_the_published_flows_that_still_play_the_old_audio()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompt = org.Prompt("Welcome", "en-us", 440);
        Assert.True((await GenesysPromptSync.RunAsync([prompt], org.Options())).Succeeded);
        await org.ConfigureAsync(new { ConsumingFlows = new Dictionary<string, string[]> { ["Welcome"] = ["Main IVR", "After hours"] } });

        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 880)], org.Options());

        var warning = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6017", prompt.AudioPath), (warning.Code, warning.File));
        Assert.Equal(["After hours", "Main IVR"], result.FlowsToRepublish);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_create_that_answers_409_finds_the_prompt_by_name_once_the_index_has_it()
    {
        // Another job creates the same prompt between our listing and our create; the name index lags 1.5 s.
        await using var org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 1500 });
        var token = await org.TokenAsync();
        RacingCreateHandler racer = null!;
        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)],
            org.Options(inFront: toEmulator => racer = new RacingCreateHandler(() => CreateForeignPromptAsync(org, token, "Welcome"), toEmulator)));

        Assert.True(racer.Raced);
        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(ResourceState.Created, Assert.Single(result.Resources).State);
        Assert.Equal(0, result.Counts.PromptsCreated);
    }

    [Fact]
    public async Task A_listing_past_the_paging_cap_is_sharded_by_name_prefix_and_still_sees_every_prompt()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { PagingCap = 20 });
        var prompts = Enumerable.Range(0, 30).Select(i => org.Prompt($"{(char)('a' + (i % 3))}_prompt_{i}", "en-us", 300 + i)).ToList();
        GenesysSyncOptions Capped() => org.Options(pageSize: 10, pagingCap: 20);
        Assert.True((await GenesysPromptSync.RunAsync(prompts, Capped())).Succeeded);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, Capped()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
        // 1 capped probe + 26 one-letter shards (a name starts with a letter), of which a, b, c hold 10 each (one page apiece).
        Assert.Equal(27, requests[PromptSyncEmulatorTests.List]);
    }

    [Fact]
    public async Task Shards_two_deep_still_see_the_name_equal_to_a_prefix_and_names_with_an_underscore_after_it()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { PagingCap = 20, IndexLagMilliseconds = 0 });
        // Under "a": 23 names (past the cap of 20); under "ab": 21, again past it. "ab" itself and "ab_…" are held by no
        // child shard of "ab" that starts with a letter or digit.
        var names = new[] { "a", "ab" }
            .Concat(Enumerable.Range(0, 10).Select(i => $"ab_{i}"))
            .Concat(Enumerable.Range(0, 10).Select(i => $"abc{i}"))
            .Append("a_1");
        var prompts = names.Select((name, i) => org.Prompt(name, "en-us", 300 + i)).ToList();
        GenesysSyncOptions Capped() => org.Options(deleteOrphans: true, pageSize: 10, pagingCap: 20);
        var first = await GenesysPromptSync.RunAsync(prompts, Capped());
        Assert.True(first.Succeeded, string.Join("\n", first.AllDiagnostics));

        // Every prompt is listed: none is planned as new, and the one left out of the project is found as an orphan.
        var again = await GenesysPromptSync.RunAsync(prompts.Where(p => p.Name != "ab").ToList(), Capped());

        Assert.True(again.Succeeded, string.Join("\n", again.AllDiagnostics));
        Assert.All(again.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
        Assert.Equal(prompts.Count - 1, again.Resources.Count);
        Assert.Equal(1, again.Counts.OrphansDeleted);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_found_by_name_and_its_resource_waits_out_the_read_after_write_404s()
    {
        // The create reaches the org but its answer does not reach us (503): the retried create answers 409, the prompt
        // is found by name once indexed (0.3 s), and its POST …/resources still meets 404s for 3 s.
        await using var org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 300, ResourceCreateNotFoundMilliseconds = 3000 });
        LoseFirstCreateAnswer lost = null!;
        var result = await GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)],
            org.Options(inFront: toEmulator => lost = new LoseFirstCreateAnswer(toEmulator)));

        Assert.True(lost.Lost);
        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(ResourceState.Created, Assert.Single(result.Resources).State);
    }

    /// <summary>Sends the first POST /prompts on to the org and answers 503 in its place, as a dropped answer does.</summary>
    private sealed class LoseFirstCreateAnswer(HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        public bool Lost { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!Lost && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/v2/architect/prompts" && response.IsSuccessStatusCode)
            {
                Lost = true;
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") };
            }

            return response;
        }
    }

    private static async Task CreateForeignPromptAsync(ArchitectEmulator org, string token, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/architect/prompts") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await org.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Runs a competing create just before the first POST of a prompt goes out.</summary>
    private sealed class RacingCreateHandler(Func<Task> race, HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        public bool Raced { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Raced && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/api/v2/architect/prompts")
            {
                Raced = true;
                await race();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
