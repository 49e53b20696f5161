using Microsoft.Extensions.Time.Testing;
using MediaCompiler.Audio;
using MediaCompiler.Client.Tests.Fakes;
using MediaCompiler.Engine;
using MediaCompiler.Engine.InProcess;
using MediaCompiler.Contract;

namespace MediaCompiler.Client.Tests.InProcess;

public sealed class InProcessMediaEngineClientTests : IDisposable
{
    private readonly MediaEngine _engine = new();
    private readonly InProcessMediaEngineClient _client;
    private readonly TempFile _prompt = new("welcome.wav", TestWav.Tone());

    public InProcessMediaEngineClientTests() => _client = new InProcessMediaEngineClient(_engine, ownsEngine: false);

    private string PromptHash => ContentHash.OfFile(_prompt.Path);

    [Fact]
    public void Description_says_in_process() => Assert.Equal("in-process media engine", _client.Description);

    [Fact]
    public async Task Upload_stores_once_and_the_asset_is_found_by_id_and_hash()
    {
        var first = await _client.UploadAssetAsync(_prompt.Path, PromptHash, CancellationToken.None);
        var again = await _client.UploadAssetAsync(_prompt.Path, PromptHash, CancellationToken.None);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(PromptHash, first.ContentHash, ignoreCase: true);
        Assert.Equal(first.Id, (await _client.GetAssetAsync(first.Id, CancellationToken.None))?.Id);
        Assert.Equal([first.Id], (await _client.FindAssetsByContentHashAsync(PromptHash, CancellationToken.None)).Select(a => a.Id));
        Assert.Null(await _client.GetAssetAsync("no-such-asset", CancellationToken.None));
    }

    [Fact]
    public async Task Upload_breaking_a_rule_carries_the_engines_rule_code()
    {
        using var loud = new TempFile("loud.wav", TestWav.Tone(sampleRate: 44100));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            _client.UploadAssetAsync(loud.Path, ContentHash.OfFile(loud.Path), CancellationToken.None));

        // The engine's own rule (IVR1103, the sample rate) as a value: no HTTP status is made up in-process.
        Assert.Equal("IVR1103", ex.Code);
        Assert.Null(ex.Status);
        var refusal = Assert.IsType<EngineRefusal>(ex.Refusal);
        Assert.Equal(RefusalKind.AboutTheFile, refusal.Kind);
        Assert.Equal("IVR1103", refusal.Code);
        Assert.Contains("44100", refusal.Message);
        Assert.Contains("loud.wav", ex.Message);
        Assert.Contains("in-process engine", ex.Message);
    }

    [Fact]
    public async Task Upload_with_a_hash_that_does_not_match_is_rejected()
    {
        var wrong = "sha256:" + new string('0', 64);

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => _client.UploadAssetAsync(_prompt.Path, wrong, CancellationToken.None));

        Assert.Equal("IVR3201", ex.Code);
        Assert.Equal(RefusalKind.AboutTheFile, ex.Refusal?.Kind);
        Assert.Contains(wrong, ex.Message);
        Assert.Null(ex.Status);
        Assert.Empty(await _client.FindAssetsByContentHashAsync(PromptHash, CancellationToken.None));
    }

    [Fact]
    public async Task Upload_of_a_missing_file_is_a_coded_error()
    {
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            _client.UploadAssetAsync(Path.Combine(_prompt.Folder, "missing.wav"), PromptHash, CancellationToken.None));

        Assert.Equal("IVR4013", ex.Code);
    }

    [Fact]
    public async Task Invalid_compile_request_lists_its_bad_fields()
    {
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => _client.SubmitCompilationAsync(
            new CompileRequest { FlowId = "flow-1", Encoding = "mp3", Media = [new CompileMediaEntry { AssetId = "nope", NodeId = "n1" }] },
            CancellationToken.None));

        Assert.Equal("IVR4009", ex.Code);
        Assert.Null(ex.Status);
        var refusal = Assert.IsType<EngineRefusal>(ex.Refusal);
        Assert.Equal(RefusalKind.AboutTheRequest, refusal.Kind);
        Assert.Contains(refusal.Details, d => d.Field == "encoding");
        Assert.Contains(refusal.Details, d => d.Field == "media[0].assetId");
        Assert.Contains("encoding", ex.Message);
        Assert.Contains("media[0].assetId", ex.Message);
    }

    [Fact]
    public async Task Unknown_compilation_is_a_coded_error_without_a_made_up_status()
    {
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => _client.GetCompilationAsync("job-unknown", CancellationToken.None));

        Assert.Equal("IVR4010", ex.Code);
        Assert.Null(ex.Status);
        Assert.Null(ex.Refusal);
    }

    [Fact]
    public async Task Waiting_for_a_compilation_answers_when_the_job_ends_without_waiting_the_wait_out()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var engine = new MediaEngine(new MediaEngineOptions { TimeProvider = clock });
        using var client = new InProcessMediaEngineClient(engine, ownsEngine: false);
        var asset = await client.UploadAssetAsync(_prompt.Path, PromptHash, CancellationToken.None);
        CompileRequest Request(string encoding) => new() { FlowId = "flow-1", Encoding = encoding, Media = [new CompileMediaEntry { AssetId = asset.Id, NodeId = "welcome" }] };
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Answered when the job ends, although the clock never reaches the wait.
        var done = await client.WaitForCompilationAsync((await client.SubmitCompilationAsync(Request("ulaw"), guard.Token)).Id, TimeSpan.FromSeconds(5), guard.Token)
            .WaitAsync(guard.Token);
        Assert.Equal(CompileJobStates.Completed, done.Status);

        var unknown = await Assert.ThrowsAsync<MediaEngineException>(() => client.WaitForCompilationAsync("job-unknown", TimeSpan.FromSeconds(5), guard.Token));
        Assert.Equal("IVR4010", unknown.Code);
    }

    [Fact]
    public async Task Compiled_prompt_is_downloaded_to_the_destination()
    {
        var asset = await _client.UploadAssetAsync(_prompt.Path, PromptHash, CancellationToken.None);
        var accepted = await _client.SubmitCompilationAsync(
            new CompileRequest { FlowId = "flow-1", Encoding = "ulaw", Media = [new CompileMediaEntry { AssetId = asset.Id, NodeId = "welcome" }] },
            CancellationToken.None);
        await _engine.WaitForJobAsync(accepted.Id, CancellationToken.None);

        var job = await _client.GetCompilationAsync(accepted.Id, CancellationToken.None);
        Assert.Equal(CompileJobStates.Completed, job.Status);
        var result = Assert.Single(job.Results);
        var destination = Path.Combine(_prompt.Folder, "out", "welcome.ulaw.wav");
        await _client.DownloadAsync(result.DownloadUri!, destination, CancellationToken.None);

        Assert.Equal(_engine.GetDownload(result.DownloadUri!), await File.ReadAllBytesAsync(destination));
        Assert.Equal(["welcome.ulaw.wav"], Directory.GetFiles(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_jobs_outputs_are_written_together_and_none_is_in_place_unless_all_are()
    {
        var asset = await _client.UploadAssetAsync(_prompt.Path, PromptHash, CancellationToken.None);
        var accepted = await _client.SubmitCompilationAsync(
            new CompileRequest
            {
                FlowId = "flow-1", Encoding = "ulaw",
                Media = [new CompileMediaEntry { AssetId = asset.Id, NodeId = "welcome" }, new CompileMediaEntry { AssetId = asset.Id, NodeId = "goodbye" }],
            },
            CancellationToken.None);
        await _engine.WaitForJobAsync(accepted.Id, CancellationToken.None);
        var job = await _client.GetCompilationAsync(accepted.Id, CancellationToken.None);
        var folder = Path.Combine(_prompt.Folder, "out");
        var outputs = job.Results.Select(r => new OutputDownload(r.NodeId, r.DownloadUri!, Path.Combine(folder, r.NodeId + ".wav"))).ToArray();

        // One output the engine does not hold: the other is not left in place, and no temporary file stays.
        var broken = outputs.Append(new OutputDownload("gone", "/api/v2/media/downloads/nothing.wav", Path.Combine(folder, "gone.wav"))).ToArray();
        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => _client.DownloadOutputsAsync(accepted.Id, broken, CancellationToken.None));
        Assert.Equal("IVR4011", ex.Code);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);

        await _client.DownloadOutputsAsync(accepted.Id, outputs, CancellationToken.None);
        Assert.All(outputs, o => Assert.Equal(_engine.GetDownload(o.DownloadUri), File.ReadAllBytes(o.DestinationPath)));
        Assert.Equal(["goodbye.wav", "welcome.wav"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unknown_download_is_a_coded_error_and_writes_nothing()
    {
        var destination = Path.Combine(_prompt.Folder, "x.wav");

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            _client.DownloadAsync("/api/v2/media/downloads/nothing.wav", destination, CancellationToken.None));

        Assert.Equal("IVR4011", ex.Code);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task Cancelled_token_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetCompilationAsync("x", cts.Token));
    }

    [Fact]
    public void Engine_is_disposed_only_when_owned()
    {
        var engine = new MediaEngine();
        new InProcessMediaEngineClient(engine, ownsEngine: false).Dispose();
        Assert.Empty(engine.FindAssetsByContentHash("sha256:" + new string('a', 64))); // still usable

        new InProcessMediaEngineClient(engine).Dispose();
        Assert.Throws<ObjectDisposedException>(() => engine.FindAssetsByContentHash("sha256:" + new string('a', 64)));
    }

    public void Dispose()
    {
        _client.Dispose();
        _engine.Dispose();
        _prompt.Dispose();
    }
}
