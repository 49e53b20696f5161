using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Client;
using MediaCompiler.Emulator;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Planning;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// IvrPlanOnly on the media API against the emulator with the real HTTP client: a plan makes a token request and a
/// GET search by content hash per prompt and nothing else (and a client with only the media:read scope makes it, while
/// the same client's real build is refused); the build after it uploads exactly what the plan said it would.
/// </summary>
public sealed class PlanOnlyTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();
    private RunningEmulator _emulator = null!;

    /// <summary>A client of the emulator that holds only the read scope: whatever it can do changes nothing.</summary>
    private static readonly ClientSettings ReadOnly = new()
    {
        ClientId = "plan-reader",
        ClientSecret = "plan-reader-secret",
        WebhookSecret = "plan-reader-webhook-secret",
        Scopes = ["media:read"],
    };

    public async Task InitializeAsync()
    {
        var settings = EmulatorSettings.LoadDefaults();
        settings.Clients.Add(ReadOnly);
        _emulator = await EmulatorHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _temp.Dispose();
    }

    private PipelineSettings Settings(bool planOnly, ClientSettings? client = null) => new()
    {
        // A refused build stops its other uploads when the first is refused; a cancelled request may still reach the
        // server after the run returned (on a loaded machine) and be counted as the next build's. One upload request
        // at a time for the read-only client leaves nothing in flight to arrive late.
        MaxParallelUploads = client is null ? BuildDefaults.MaxParallelUploads : 1,
        FlowId = _emulator.FlowId,
        Engine = new EngineConnection(_emulator.BaseAddress, client?.ClientId ?? _emulator.ClientId, client?.ClientSecret ?? _emulator.ClientSecret),
        AuditLogPath = _temp.Combine("obj", "audit.jsonl"),
        CompiledPromptsDirectory = _temp.Combine("bin", "prompts"),
        InitialPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        PlanOnly = planOnly,
        PlanFile = planOnly ? _temp.Combine("plan.json") : null,
    };

    private async Task<(PipelineResult Result, Dictionary<string, int> Requests)> RunAsync(bool planOnly, PromptInput[] prompts, ClientSettings? client = null, bool expectSuccess = true)
    {
        var before = _emulator.RequestCounts;
        var settings = Settings(planOnly, client);
        var result = await new PromptPipeline(settings, _log)
            .RunAsync(prompts, () => EngineClientFactory.Create(settings.Engine, _log, () => throw new InvalidOperationException("remote only")), CancellationToken.None);
        Assert.True(result.Succeeded == expectSuccess, string.Join(Environment.NewLine, _log.Errors));
        var requests = _emulator.RequestCounts
            .Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Count > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Count);
        return (result, requests);
    }

    [Fact]
    public async Task A_plan_reads_only_and_the_next_build_uploads_what_it_said()
    {
        var prompts = Enumerable.Range(0, 6)
            .Select(i => new PromptInput(TestAudio.WriteTone(_temp.Combine("prompts", $"p{i}.wav"), 300 + (50 * i)), $"p{i}", 1, "alaw"))
            .ToArray();
        await RunAsync(planOnly: false, prompts[..4]);
        TestAudio.WriteTone(prompts[1].Path, 2000);
        var outputs = () => Directory.GetFiles(_temp.Combine("bin", "prompts")).Order(StringComparer.Ordinal).Select(f => (f, Convert.ToHexString(File.ReadAllBytes(f)))).ToList();
        var outputsBefore = outputs();

        // The plan runs with a client that may only read: it could not change anything even if it tried.
        var (planned, planRequests) = await RunAsync(planOnly: true, prompts, ReadOnly);
        var (_, refusedBuild) = await RunAsync(planOnly: false, prompts, ReadOnly, expectSuccess: false);
        var outputsAfterPlan = outputs();
        var (_, buildRequests) = await RunAsync(planOnly: false, prompts);

        Assert.Equal(new Dictionary<string, int> { ["POST /oauth/token"] = 1, ["GET /api/v2/media/assets"] = prompts.Length }, planRequests);
        Assert.Contains(_log.Errors, e => e.Message.Contains("403", StringComparison.Ordinal) || e.Message.Contains("scope", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("POST /api/v2/media/compile", refusedBuild.Keys);
        Assert.Equal(1, refusedBuild["POST /api/v2/media/assets/batch"]); // its three uploads in one request, refused
        var plan = planned.Plan!;
        Assert.Equal(["compile p0", "compile p2", "compile p3", "upload p1", "upload p4", "upload p5"],
            plan.Items.Select(i => PlanReport.Word(i.Action) + " " + i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(PlanReport.ToJson(plan), File.ReadAllBytes(_temp.Combine("plan.json")));
        Assert.Contains(_log.Messages, m => m.Contains("3 upload, 3 compile", StringComparison.Ordinal));
        Assert.Equal(plan.Count(PlanAction.Upload), buildRequests["POST /api/v2/media/assets"]);
        Assert.Empty(planned.CompiledPrompts);
        Assert.Equal(outputsBefore, outputsAfterPlan); // the plan wrote no output; the build after it wrote six
        Assert.Equal(6, Directory.GetFiles(_temp.Combine("bin", "prompts"), "*.wav").Length);
    }
}
