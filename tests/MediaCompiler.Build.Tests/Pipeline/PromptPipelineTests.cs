using System.Text.Json;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

public sealed class PromptPipelineTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();
    private readonly FakeMediaEngineClient _engine = new();

    public void Dispose() => _temp.Dispose();

    private PipelineSettings Settings => new()
    {
        FlowId = "main-menu-flow",
        // Any remote URL: the fake client stands behind it, and a remote engine is what enables the asset cache.
        Engine = new EngineConnection(new Uri("https://media.example.com"), "id", "secret"),
        AuditLogPath = _temp.Combine("obj", "audit.jsonl"),
        CompiledPromptsDirectory = _temp.Combine("bin", "prompts"),
        InitialPollInterval = TimeSpan.FromMilliseconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private PromptInput Prompt(string name, double frequency) =>
        new(TestAudio.WriteTone(_temp.Combine("prompts", name + ".wav"), frequency), name, 1, "alaw");

    private Task<PipelineResult> RunAsync(PipelineSettings settings, params PromptInput[] prompts) =>
        new PromptPipeline(settings, _log).RunAsync(prompts, () => _engine, CancellationToken.None);

    [Fact]
    public async Task First_build_uploads_every_prompt_compiles_and_downloads()
    {
        var prompts = new[] { Prompt("welcome", 440), Prompt("goodbye", 660) };

        var result = await RunAsync(Settings, prompts);

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        Assert.Equal((2, 0, 2), (result.Uploaded, result.Reused, result.Compiled));
        Assert.Equal(2, _engine.Calls("UploadAssetAsync"));
        Assert.Equal(
            [_temp.Combine("bin", "prompts", "goodbye.wav"), _temp.Combine("bin", "prompts", "welcome.wav")],
            result.WrittenFiles);
        Assert.All(result.WrittenFiles, f => Assert.True(File.Exists(f)));
        Assert.Contains(_log.Messages, m => m.Contains("2 compiled") && m.Contains("2 uploaded, 0 reused"));
        // Each status request asks the engine to hold its answer until the job ends (up to the progress cadence).
        Assert.Equal(TimeSpan.FromSeconds(5), _engine.LastStatusWait);
        Assert.True(_engine.Disposed);
    }

    [Fact]
    public async Task Result_describes_each_compiled_prompt_as_values_and_progress_says_how_many_were_validated()
    {
        var welcome = Prompt("welcome", 440) with { ItemSpec = "prompts/welcome.wav" };

        var result = await RunAsync(Settings, welcome);

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        var compiled = Assert.Single(result.CompiledPrompts);
        var output = _temp.Combine("bin", "prompts", "welcome.wav");
        Assert.Equal(output, compiled.OutputPath);
        Assert.Equal(("welcome", "prompts/welcome.wav", null), (compiled.NodeId, compiled.SourcePath, compiled.Language));
        Assert.Equal(MediaCompiler.Audio.ContentHash.OfFile(welcome.Path), compiled.ContentHash);
        Assert.Equal(_engine.Assets.Single().Id, compiled.AssetId);
        Assert.Equal(result.CompilationId, compiled.CompilationId);
        Assert.Equal(new FileInfo(output).Length, compiled.Bytes);
        Assert.NotNull(compiled.DurationSeconds);
        Assert.Contains(_log.Messages, m => m.Contains("1 validated"));
    }

    [Fact]
    public async Task Uploads_are_limited_to_MaxParallelUploads()
    {
        // 70 prompts: 35 per request for a first round of 2, but at most 32 per request: three requests for two slots.
        var prompts = Enumerable.Range(0, 70).Select(i => Prompt($"prompt-{i}", 300 + 20 * i)).ToArray();
        _engine.CallDelay = TimeSpan.FromMilliseconds(100);

        var result = await RunAsync(Settings with { MaxParallelUploads = 2, MaxParallelRequests = 8 }, prompts);

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        Assert.Equal(70, result.Uploaded);
        Assert.Equal(3, _engine.Calls("UploadAssetsAsync"));
        Assert.InRange(_engine.MaxInFlight("UploadAssetsAsync"), 1, 2);
    }

    [Fact]
    public async Task The_first_round_of_uploads_is_16_requests_at_once_sharing_the_prompts()
    {
        var prompts = Enumerable.Range(0, 40).Select(i => Prompt($"prompt-{i}", 300 + 50 * i)).ToArray();
        _engine.CallDelay = TimeSpan.FromMilliseconds(200);

        var result = await RunAsync(Settings, prompts);

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        Assert.Equal(40, result.Uploaded);
        // 40 prompts over the 16 requests of the first round: 3 per request, 14 requests, all in flight before any
        // answer (a request per prompt with 4 at first made 4, then 8, then 16...).
        Assert.Equal(14, _engine.Calls("UploadAssetsAsync"));
        Assert.Equal(14, _engine.MaxInFlight("UploadAssetsAsync"));
        Assert.Equal(40, _engine.Calls("UploadAssetAsync"));
    }

    [Fact]
    public async Task Prompt_that_cannot_be_read_for_hashing_is_IVR1001_on_its_file_and_nothing_is_uploaded()
    {
        var welcome = Prompt("welcome", 440);
        var pipeline = new PromptPipeline(Settings, _log);
        PipelineResult result;
        FileStream? lockedWhileHashing = null;
        // Validation has read the file; then something holds it exclusively while the pipeline hashes it.
        var connect = () =>
        {
            lockedWhileHashing = new FileStream(welcome.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return (MediaCompiler.Client.IMediaEngineClient)_engine;
        };
        try
        {
            result = await pipeline.RunAsync([welcome], connect, CancellationToken.None);
        }
        finally
        {
            lockedWhileHashing?.Dispose();
        }

        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Diagnostics, d => d.Code == "IVR1001");
        Assert.Equal(welcome.Path, error.File);
        Assert.Equal(0, _engine.Calls("UploadAssetAsync"));
    }

    [Fact]
    public async Task Compile_request_carries_the_matrix_settings_and_a_correlation_id()
    {
        var prompt = Prompt("welcome", 440) with { Priority = 3, FallbackEncoding = "ulaw" };

        await RunAsync(Settings with { Encoding = "alaw", WebhookUrl = "https://hooks.example.com/ivr" }, prompt);

        var request = _engine.LastRequest!;
        Assert.Equal(("main-menu-flow", "alaw", "https://hooks.example.com/ivr"), (request.FlowId, request.Encoding, request.WebhookUrl));
        Assert.True(Guid.TryParse(request.CorrelationId, out _));
        var entry = Assert.Single(request.Media!);
        Assert.Equal(("welcome", 3, "ulaw", 8000), (entry.NodeId, entry.Priority, entry.FallbackEncoding, entry.SampleRate));
        Assert.Equal(_engine.Assets.Single().Id, entry.AssetId);
    }

    [Fact]
    public async Task Second_build_asks_the_engine_in_one_look_up_and_uploads_nothing()
    {
        var prompts = new[] { Prompt("welcome", 440), Prompt("goodbye", 660) };
        await RunAsync(Settings, prompts);

        var result = await RunAsync(Settings, prompts);

        Assert.True(result.Succeeded);
        Assert.Equal((0, 2), (result.Uploaded, result.Reused));
        Assert.Equal(2, _engine.Calls("UploadAssetAsync"));            // only the first build's
        Assert.Equal(0, _engine.Calls("GetAssetAsync"));                // the cache no longer costs a GET per asset
        // The fake knows only the 2.0 search, so the interface's default look-up asks once per hash per build.
        Assert.Equal(4, _engine.Calls("FindAssetsByContentHashAsync"));
    }

    [Fact]
    public async Task Only_the_changed_prompt_is_uploaded()
    {
        var welcome = Prompt("welcome", 440);
        var goodbye = Prompt("goodbye", 660);
        await RunAsync(Settings, welcome, goodbye);

        TestAudio.WriteTone(goodbye.Path, 880);
        var result = await RunAsync(Settings, welcome, goodbye);

        Assert.Equal((1, 1), (result.Uploaded, result.Reused));
        Assert.Equal(3, _engine.Calls("UploadAssetAsync"));
    }

    [Fact]
    public async Task Empty_cache_asks_the_engine_by_hash_and_uploads_only_what_it_lacks()
    {
        var held = Prompt("welcome", 440);
        var missing = Prompt("goodbye", 660);
        _engine.Hold(held.Path);

        var result = await RunAsync(Settings, held, missing);

        Assert.Equal((1, 1), (result.Uploaded, result.Reused));
        Assert.Equal(1, _engine.Calls("UploadAssetAsync"));
        Assert.Equal(2, _engine.Calls("FindAssetsByContentHashAsync"));
        Assert.Equal(0, _engine.Calls("GetAssetAsync"));
    }

    [Fact]
    public async Task An_asset_the_engine_no_longer_holds_is_uploaded_again()
    {
        var welcome = Prompt("welcome", 440);
        await RunAsync(Settings, welcome);
        _engine.Forget(_engine.Assets.Single().Id);

        var result = await RunAsync(Settings, welcome);

        Assert.True(result.Succeeded);
        Assert.Equal((1, 0), (result.Uploaded, result.Reused));
    }

    [Fact]
    public async Task Identical_prompts_share_one_upload()
    {
        var a = Prompt("welcome", 440);
        var b = new PromptInput(TestAudio.WriteTone(_temp.Combine("prompts", "welcome-again.wav"), 440), "welcome-again", 1, "alaw");

        var result = await RunAsync(Settings, a, b);

        Assert.Equal(1, _engine.Calls("UploadAssetAsync"));
        Assert.Equal(2, result.Compiled);
        Assert.Single(_engine.LastRequest!.Media!.Select(m => m.AssetId).Distinct());
    }

    [Fact]
    public async Task Rejected_prompt_is_an_error_on_its_file_with_the_engine_code()
    {
        var welcome = Prompt("welcome", 440);
        var goodbye = Prompt("goodbye", 660);
        _engine.Rejections["goodbye"] = ("IVR3004", "goodbye.wav is silent after normalisation.");

        var result = await RunAsync(Settings, welcome, goodbye);

        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Errors);
        Assert.Equal(("IVR3004", goodbye.Path), (error.Code, error.File));
        Assert.Contains("silent after normalisation", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("media.unsupported")]
    public async Task Rejection_without_an_IVR_code_is_IVR2103_keeping_the_engine_code(string engineCode)
    {
        var goodbye = Prompt("goodbye", 660);
        _engine.Rejections["goodbye"] = (engineCode, "silent");

        var result = await RunAsync(Settings, goodbye);

        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Errors);
        Assert.Equal(("IVR2103", goodbye.Path), (error.Code, error.File));
        Assert.Contains("silent", error.Message);
        Assert.Contains(engineCode, error.Message);
    }

    [Fact]
    public async Task Failed_job_is_IVR2100()
    {
        _engine.JobOutcome = FakeJobOutcome.Fail;

        var result = await RunAsync(Settings, Prompt("welcome", 440));

        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Errors);
        Assert.Equal("IVR2100", error.Code);
        Assert.Contains("forced failure", error.Message);
    }

    [Fact]
    public async Task Results_without_a_node_id_in_the_answer_are_skipped_not_a_crash()
    {
        // A malformed answer: a null entry and one without a nodeId beside the real results.
        _engine.RewriteStatus = job => job with { Results = [.. job.Results, null!, job.Results[0] with { NodeId = null! }] };

        var result = await RunAsync(Settings, Prompt("welcome", 440), Prompt("goodbye", 660));

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        Assert.Equal(2, result.Compiled);
    }

    [Fact]
    public async Task Completed_job_with_a_result_in_an_unknown_state_fails_on_that_prompt()
    {
        var goodbye = Prompt("goodbye", 660);
        _engine.RewriteStatus = job => job with
        {
            Results = job.Results.Select(r => r.NodeId == "goodbye" ? r with { Status = "PENDING" } : r).ToArray(),
        };

        var result = await RunAsync(Settings, Prompt("welcome", 440), goodbye);

        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Errors);
        Assert.Equal(("IVR2102", goodbye.Path), (error.Code, error.File));
    }

    [Fact]
    public async Task Job_that_never_ends_times_out_with_IVR2101()
    {
        _engine.JobOutcome = FakeJobOutcome.NeverFinish;

        var result = await RunAsync(Settings with { CompileTimeout = TimeSpan.FromMilliseconds(300) }, Prompt("welcome", 440));

        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Errors);
        Assert.Equal("IVR2101", error.Code);
        Assert.Contains("job-1", error.Message);
        Assert.Contains("RUNNING", error.Message);
        Assert.True(_engine.Calls("GetCompilationAsync") > 1);
    }

    [Fact]
    public async Task Cancellation_stops_polling_and_reports_IVR5005()
    {
        _engine.JobOutcome = FakeJobOutcome.NeverFinish;
        using var cancellation = new CancellationTokenSource();
        var prompt = Prompt("welcome", 440);

        var run = new PromptPipeline(Settings, _log).RunAsync([prompt], () => _engine, cancellation.Token);
        Assert.True(SpinWait.SpinUntil(() => _engine.Calls("GetCompilationAsync") > 0, TimeSpan.FromSeconds(30)), "the pipeline never started polling");
        cancellation.Cancel();
        var result = await run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(result.Succeeded);
        Assert.Equal("IVR5005", Assert.Single(_log.Diagnostics).Code);
        Assert.Contains("\"status\":\"CANCELLED\"", File.ReadAllText(Settings.AuditLogPath!));
    }

    [Fact]
    public async Task Invalid_prompt_stops_the_build_before_any_request()
    {
        var broken = new PromptInput(TestAudio.WriteNotAudio(_temp.Combine("prompts", "broken.wav")), "broken", 1, "alaw");
        var connected = false;

        var result = await new PromptPipeline(Settings, _log).RunAsync([Prompt("welcome", 440), broken],
            () => { connected = true; return _engine; }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(connected);
        Assert.Equal(0, _engine.TotalCalls);
        Assert.All(_log.Errors, e => Assert.Equal(broken.Path, e.File));
        Assert.All(_log.Errors, e => Assert.StartsWith("IVR1", e.Code));
        Assert.NotEmpty(_log.Errors);
    }

    [Fact]
    public async Task Validate_only_makes_no_request()
    {
        var connected = false;
        var result = await new PromptPipeline(Settings with { ValidateOnly = true }, _log)
            .RunAsync([Prompt("welcome", 440)], () => { connected = true; return _engine; }, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(connected);
    }

    [Fact]
    public async Task Each_job_appends_one_audit_line()
    {
        var prompts = new[] { Prompt("welcome", 440), Prompt("goodbye", 660) };
        await RunAsync(Settings, prompts);
        await RunAsync(Settings, prompts);

        var lines = File.ReadAllLines(Settings.AuditLogPath!);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        var root = second.RootElement;
        Assert.Equal("COMPLETED", root.GetProperty("status").GetString());
        Assert.Equal("job-1", root.GetProperty("compilationId").GetString());
        Assert.Equal("main-menu-flow", root.GetProperty("flowId").GetString());
        Assert.Equal(2, root.GetProperty("assetCount").GetInt32());
        Assert.Equal((0, 2), (root.GetProperty("uploaded").GetInt32(), root.GetProperty("reused").GetInt32()));
        Assert.Equal("ulaw", root.GetProperty("encoding").GetString());
        Assert.True(root.GetProperty("submitLatencyMs").GetDouble() >= 0);
        Assert.NotEqual(first.RootElement.GetProperty("correlationId").GetString(), root.GetProperty("correlationId").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("failures").ValueKind);
    }

    [Fact]
    public async Task Audit_line_lists_the_rejections()
    {
        var goodbye = Prompt("goodbye", 660);
        _engine.Rejections["goodbye"] = ("IVR3004", "silent");

        await RunAsync(Settings, goodbye);

        using var line = JsonDocument.Parse(File.ReadAllLines(Settings.AuditLogPath!).Single());
        var failure = line.RootElement.GetProperty("failures").EnumerateArray().Single();
        Assert.Equal(("goodbye", "IVR3004", goodbye.Path),
            (failure.GetProperty("nodeId").GetString(), failure.GetProperty("code").GetString(), failure.GetProperty("file").GetString()));
    }
}
