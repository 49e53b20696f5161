using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Client;
using MediaCompiler.Emulator;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// Requests proportional to change (issue #12), counted by the emulator itself (<c>/emulator/requests</c>) for a
/// 20-prompt project built with the real HTTP client: cold, no-op, one edited prompt, and a fresh clone against an
/// engine that holds everything. Polls are left out of the sums: how many a job needs depends on the machine's speed.
/// </summary>
public sealed class RequestCountTests : IAsyncLifetime
{
    private const int PromptCount = 20;
    private const string PollRoute = "GET /api/v2/media/compile/{id}";

    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();
    private RunningEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _temp.Dispose();
    }

    private PipelineSettings SettingsIn(string checkout) => new()
    {
        FlowId = _emulator.FlowId,
        Engine = new EngineConnection(_emulator.BaseAddress, _emulator.ClientId, _emulator.ClientSecret),
        AuditLogPath = Path.Combine(checkout, "obj", "audit.jsonl"),
        CompiledPromptsDirectory = Path.Combine(checkout, "bin", "prompts"),
        InitialPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
    };

    private static PromptInput[] Prompts(string checkout) =>
        Enumerable.Range(0, PromptCount)
            .Select(i => new PromptInput(TestAudio.WriteTone(Path.Combine(checkout, "prompts", $"p{i:00}.wav"), 300 + (37 * i)), $"p{i:00}", 1, "alaw"))
            .ToArray();

    /// <summary>Builds once and returns the requests it made, route by route (polls excluded).</summary>
    private async Task<Dictionary<string, int>> BuildAsync(string checkout, PromptInput[] prompts)
    {
        var before = _emulator.RequestCounts;
        var settings = SettingsIn(checkout);
        var result = await new PromptPipeline(settings, _log)
            .RunAsync(prompts, () => EngineClientFactory.Create(settings.Engine, _log, () => throw new InvalidOperationException("remote only")), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, _log.Errors));
        var after = _emulator.RequestCounts;
        return after.Where(kv => kv.Key != PollRoute)
            .Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(kv => kv.Count > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Count);
    }

    [Fact]
    public async Task Cold_build_uploads_in_batches_and_a_handful_more()
    {
        var checkout = _temp.Combine("a");

        var requests = await BuildAsync(checkout, Prompts(checkout));

        // 20 prompts spread over the first round of 16 upload requests: 10 batches of 2.
        Assert.Equal(new Dictionary<string, int>
        {
            ["POST /oauth/token"] = 1,
            ["POST /api/v2/media/assets/lookup"] = 1,
            ["POST /api/v2/media/assets/batch"] = 10,
            ["POST /api/v2/media/compile"] = 1,
            ["POST /api/v2/media/compile/{id}/outputs"] = 1,
        }, requests);
        Assert.Equal(PromptCount, Directory.GetFiles(Path.Combine(checkout, "bin", "prompts"), "*.wav").Length);
    }

    [Fact]
    public async Task No_op_build_downloads_nothing()
    {
        var checkout = _temp.Combine("a");
        var prompts = Prompts(checkout);
        await BuildAsync(checkout, prompts);

        var requests = await BuildAsync(checkout, prompts);

        Assert.Equal(new Dictionary<string, int>
        {
            ["POST /oauth/token"] = 1,
            ["POST /api/v2/media/assets/lookup"] = 1,
            ["POST /api/v2/media/compile"] = 1,
        }, requests);
    }

    [Fact]
    public async Task One_edited_prompt_costs_one_upload_and_one_download()
    {
        var checkout = _temp.Combine("a");
        var prompts = Prompts(checkout);
        await BuildAsync(checkout, prompts);
        var untouched = File.ReadAllBytes(Path.Combine(checkout, "bin", "prompts", "p01.wav"));
        TestAudio.WriteTone(prompts[7].Path, 2000);

        var requests = await BuildAsync(checkout, prompts);

        Assert.Equal(new Dictionary<string, int>
        {
            ["POST /oauth/token"] = 1,
            ["POST /api/v2/media/assets/lookup"] = 1,
            ["POST /api/v2/media/assets"] = 1,
            ["POST /api/v2/media/compile"] = 1,
            ["GET /api/v2/media/compile/{id}/output/{nodeId}"] = 1,
        }, requests);
        Assert.Equal(untouched, File.ReadAllBytes(Path.Combine(checkout, "bin", "prompts", "p01.wav")));
    }

    [Fact]
    public async Task Fresh_clone_against_a_full_engine_uploads_nothing_and_fetches_outputs_in_one_archive()
    {
        var first = _temp.Combine("a");
        await BuildAsync(first, Prompts(first));
        var clone = _temp.Combine("b");

        var requests = await BuildAsync(clone, Prompts(clone));

        Assert.Equal(new Dictionary<string, int>
        {
            ["POST /oauth/token"] = 1,
            ["POST /api/v2/media/assets/lookup"] = 1,
            ["POST /api/v2/media/compile"] = 1,
            ["POST /api/v2/media/compile/{id}/outputs"] = 1,
        }, requests);
        foreach (var file in Directory.GetFiles(Path.Combine(first, "bin", "prompts")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(clone, "bin", "prompts", Path.GetFileName(file))));
        }
    }
}
