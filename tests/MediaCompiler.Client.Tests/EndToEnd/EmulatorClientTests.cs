using MediaCompiler.Audio;
using MediaCompiler.Client.Tests.Fakes;
using MediaCompiler.Emulator;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Contract;

namespace MediaCompiler.Client.Tests.EndToEnd;

/// <summary>The HTTP client against the real emulator over loopback (real clock, short retry delays).</summary>
public sealed class EmulatorClientTests : IAsyncLifetime
{
    private RunningEmulator _emulator = null!;
    private readonly List<string> _log = [];
    private readonly TempFile _prompt = new("welcome.wav", TestWav.Tone(seconds: 0.5));

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _prompt.Dispose();
    }

    private HttpMediaEngineClient CreateClient(string? secret = null) => new(new HttpMediaEngineClientOptions
    {
        BaseAddress = _emulator.BaseAddress,
        ClientId = _emulator.ClientId,
        ClientSecret = secret ?? _emulator.ClientSecret,
        MaxRetries = 8,
        BaseRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(20),
        Log = line => { lock (_log) _log.Add(line); },
    });

    private async Task<CompileJobStatus> CompileAndPollAsync(HttpMediaEngineClient client, MediaAssetDto asset)
    {
        var accepted = await client.SubmitCompilationAsync(new CompileRequest
        {
            FlowId = _emulator.FlowId,
            Encoding = "ulaw",
            CorrelationId = "client-tests",
            Media = [new CompileMediaEntry { AssetId = asset.Id, NodeId = "welcome" }],
        }, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(accepted.Id));

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await client.GetCompilationAsync(accepted.Id, guard.Token);
            if (CompileJobStates.IsFinal(job.Status))
                return job;
            await Task.Delay(20, guard.Token);
        }
    }

    [Fact]
    public async Task Upload_dedupe_find_compile_poll_and_download()
    {
        using var client = CreateClient();
        var hash = ContentHash.OfFile(_prompt.Path);

        var created = await client.UploadAssetAsync(_prompt.Path, hash, CancellationToken.None);
        var again = await client.UploadAssetAsync(_prompt.Path, hash, CancellationToken.None);
        Assert.Equal(created.Id, again.Id);
        Assert.Single(_emulator.Engine.FindAssetsByContentHash(hash));

        Assert.Equal([created.Id], (await client.FindAssetsByContentHashAsync(hash, CancellationToken.None)).Select(a => a.Id));
        Assert.Equal(created.Id, (await client.GetAssetAsync(created.Id, CancellationToken.None))?.Id);
        Assert.Null(await client.GetAssetAsync("unknown-asset", CancellationToken.None));

        var job = await CompileAndPollAsync(client, created);
        Assert.Equal(CompileJobStates.Completed, job.Status);
        var result = Assert.Single(job.Results);
        Assert.Equal(CompileResultStates.Ready, result.Status);

        var destination = Path.Combine(_prompt.Folder, "out", "welcome.wav");
        await client.DownloadAsync(result.DownloadUri!, destination, CancellationToken.None);
        Assert.Equal(_emulator.Engine.GetDownload(result.DownloadUri!), await File.ReadAllBytesAsync(destination));
        Assert.Equal("RIFF"u8.ToArray(), (await File.ReadAllBytesAsync(destination))[..4]);
    }

    [Fact]
    public async Task Waiting_for_a_compilation_is_one_status_request_answered_when_the_job_ends()
    {
        using var client = CreateClient();
        var assets = new List<MediaAssetDto>();
        for (var i = 0; i < 20; i++)
        {
            // 20 prompts of 2 s: still compiling when the status request arrives.
            using var prompt = new TempFile($"p{i}.wav", TestWav.Tone(seconds: 2.0 + (i * 0.01)));
            assets.Add(await client.UploadAssetAsync(prompt.Path, ContentHash.OfFile(prompt.Path), CancellationToken.None));
        }
        var accepted = await client.SubmitCompilationAsync(new CompileRequest
        {
            FlowId = _emulator.FlowId,
            Encoding = "ulaw",
            Media = assets.Select((a, i) => new CompileMediaEntry { AssetId = a.Id, NodeId = $"n{i}" }).ToArray(),
        }, CancellationToken.None);

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var job = await client.WaitForCompilationAsync(accepted.Id, TimeSpan.FromSeconds(10), guard.Token);

        Assert.Equal(CompileJobStates.Completed, job.Status);
        Assert.Equal(20, job.Results.Count);
        Assert.Equal(1, _emulator.RequestCounts.GetValueOrDefault("GET " + MediaApiRoutes.Compilation));
    }

    [Fact]
    public async Task Rule_breaking_upload_keeps_the_engines_rule_code()
    {
        using var client = CreateClient();
        using var loud = new TempFile("loud.wav", TestWav.Tone(sampleRate: 44100));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            client.UploadAssetAsync(loud.Path, ContentHash.OfFile(loud.Path), CancellationToken.None));

        Assert.StartsWith("IVR1", ex.Code);
        Assert.Equal(400, ex.Status);
    }

    [Fact]
    public async Task Invalid_compile_request_is_rejected_with_details()
    {
        using var client = CreateClient();

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => client.SubmitCompilationAsync(
            new CompileRequest { FlowId = "no-such-flow", Encoding = "ulaw", Media = [new CompileMediaEntry { AssetId = "missing", NodeId = "n" }] },
            CancellationToken.None));

        Assert.Equal("IVR4009", ex.Code);
        Assert.Contains("flowId", ex.Message);
        Assert.Contains("media[0].assetId", ex.Message);
    }

    [Fact]
    public async Task Wrong_secret_is_an_authentication_error_without_the_secret()
    {
        const string wrongSecret = "not-the-right-secret-5521";
        using var client = CreateClient(wrongSecret);

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => client.GetAssetAsync("any", CancellationToken.None));

        Assert.Equal("IVR4001", ex.Code);
        Assert.Contains(_emulator.ClientId, ex.Message);
        Assert.Contains(_emulator.TokenEndpoint.ToString(), ex.Message);
        Assert.DoesNotContain(wrongSecret, ex.ToString());
        Assert.All(_log, line => Assert.DoesNotContain(wrongSecret, line));
    }

    [Fact]
    public async Task Injected_server_faults_are_retried_to_success()
    {
        _emulator.Faults.Set(new FaultSettings { Seed = 7, ServiceUnavailableRate = 0.3, ServerErrorRate = 0.1, RetryAfterSeconds = 0 });
        using var client = CreateClient();
        var hash = ContentHash.OfFile(_prompt.Path);

        var asset = await client.UploadAssetAsync(_prompt.Path, hash, CancellationToken.None);
        Assert.Equal([asset.Id], (await client.FindAssetsByContentHashAsync(hash, CancellationToken.None)).Select(a => a.Id));
        var job = await CompileAndPollAsync(client, asset);

        Assert.Equal(CompileJobStates.Completed, job.Status);
        Assert.Contains(_log, line => line.Contains("HTTP 503", StringComparison.Ordinal));
        Assert.All(_log, line => Assert.DoesNotContain(_emulator.ClientSecret, line));
    }

    [Fact]
    public async Task Dropped_connections_are_retried_to_success()
    {
        _emulator.Faults.Set(new FaultSettings { Seed = 3, DropConnectionRate = 0.4 });
        using var client = CreateClient();
        var hash = ContentHash.OfFile(_prompt.Path);

        var asset = await client.UploadAssetAsync(_prompt.Path, hash, CancellationToken.None);
        var found = await client.FindAssetsByContentHashAsync(hash, CancellationToken.None);
        var fetched = await client.GetAssetAsync(asset.Id, CancellationToken.None);

        Assert.Equal(asset.Id, Assert.Single(found).Id);
        Assert.Equal(asset.Id, fetched?.Id);
        Assert.Contains(_log, line => line.Contains("retry", StringComparison.Ordinal)
            && (line.Contains(nameof(HttpRequestException), StringComparison.Ordinal) || line.Contains(nameof(IOException), StringComparison.Ordinal)));
    }
}
