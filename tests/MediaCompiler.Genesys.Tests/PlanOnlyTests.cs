using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.Pipeline.Planning;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// IvrPlanOnly on Genesys Cloud against the emulator: a plan reads (a token, the listing) and writes nothing; the next
/// real build then does exactly what the plan said, counted by the emulator and by the sync's own counts.
/// </summary>
public sealed class PlanOnlyTests : IAsyncLifetime
{
    private ArchitectEmulator _org = null!;

    public async Task InitializeAsync() => _org = await ArchitectEmulator.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private PipelineSettings Settings(bool planOnly, string? planFile = null) => new()
    {
        CompileTimeout = TimeSpan.FromSeconds(30),
        AuditLogPath = Path.Combine(_org.Folder, "audit.jsonl"),
        Platform = MediaCompiler.Audio.Rules.TargetPlatform.Genesys,
        PlatformSettings = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, _org.Emulator.ClientSecret,
            300, ConvertAudio: true, CheckFlows: false, DeleteOrphans: true, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys")),
        PlanOnly = planOnly,
        PlanFile = planFile,
    };

    private PromptInput Input(string name, double frequency, string? text = null)
    {
        var path = _org.Prompt(name, "en-us", frequency).AudioPath!;
        return new PromptInput(path, name + ".en-us", 1, "alaw", path) { PromptName = name, Language = "en-us", Text = text };
    }

    private async Task<(PipelineResult Result, Dictionary<string, int> Requests, IReadOnlyDictionary<string, int>? Counts)> RunAsync(PipelineSettings settings, params PromptInput[] prompts)
    {
        GenesysPlatform? platform = null;
        var log = new GenesysPlatformTests.RecordingLog();
        var (result, requests) = await _org.CountAsync(() => new PromptPipeline(settings, log, _org.Clock).RunOnPlatformAsync(prompts,
            () => platform = new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, _org.Handler()), CancellationToken.None));
        Assert.True(result.Succeeded, log.ToString());
        return (result, requests, platform!.AuditCounts);
    }

    [Fact]
    public async Task A_plan_only_reads_and_the_next_build_does_exactly_what_it_said()
    {
        await RunAsync(Settings(planOnly: false), Input("Welcome", 440), Input("Menu", 550), Input("Goodbye", 660, "Bye"), Input("Retired", 770));
        // The project moves on: new audio for Menu, a new text for Goodbye, a new prompt, Retired dropped.
        PromptInput[] next = [Input("Welcome", 440), Input("Menu", 555), Input("Goodbye", 660, "Goodbye for now"), Input("Hours", 880)];
        var planFile = Path.Combine(_org.Folder, "plan", "plan.json");

        var (planned, planRequests, _) = await RunAsync(Settings(planOnly: true, planFile), next);
        var (_, secondPlanRequests, _) = await RunAsync(Settings(planOnly: true), next);
        var (built, buildRequests, counts) = await RunAsync(Settings(planOnly: false), next);

        // Only a token and reads: nothing created, uploaded, updated or deleted by the plan (nor by planning twice).
        Assert.All(planRequests.Keys, route => Assert.True(route.StartsWith("GET ", StringComparison.Ordinal) || route == PromptSyncEmulatorTests.Token, route));
        Assert.Equal(planRequests, secondPlanRequests);
        var plan = planned.Plan!;
        Assert.Equal("create Hours, delete orphan Retired, unchanged Welcome, update text Goodbye, upload Menu",
            string.Join(", ", plan.Items.Select(i => PlanReport.Word(i.Action) + " " + i.Name).Order(StringComparer.Ordinal)));
        Assert.Equal(PlanReport.ToJson(plan), File.ReadAllBytes(planFile));

        // The build after it: the plan's actions, counted by the sync and by the emulator.
        Assert.Null(built.Plan);
        Assert.Equal(plan.Count(PlanAction.Create), counts!["promptsCreated"]);
        Assert.Equal(plan.Count(PlanAction.Create) + plan.Count(PlanAction.Upload), counts["uploaded"]);
        Assert.Equal(plan.Count(PlanAction.Upload) + plan.Count(PlanAction.UpdateText), counts["updated"]);
        Assert.Equal(plan.Count(PlanAction.DeleteOrphan), counts["deleted"]);
        Assert.Equal(plan.Count(PlanAction.Unchanged), counts["unchanged"]);
        Assert.Equal(plan.Count(PlanAction.Create) + plan.Count(PlanAction.Upload), buildRequests[PromptSyncEmulatorTests.Upload]);
        Assert.Equal(plan.Count(PlanAction.Create), buildRequests[PromptSyncEmulatorTests.CreatePrompt]);
    }

    [Fact]
    public async Task A_plan_of_an_unreadable_org_fails_with_the_reason_and_writes_no_plan()
    {
        var planFile = Path.Combine(_org.Folder, "plan.json");
        var settings = Settings(planOnly: true, planFile) with
        {
            PlatformSettings = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, "wrong-secret",
                300, ConvertAudio: true, CheckFlows: false, DeleteOrphans: true, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys")),
        };
        var log = new GenesysPlatformTests.RecordingLog();

        var result = await new PromptPipeline(settings, log, _org.Clock).RunOnPlatformAsync([Input("Welcome", 440)],
            () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, _org.Handler()), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("IVR60", log.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(planFile));
    }
}
