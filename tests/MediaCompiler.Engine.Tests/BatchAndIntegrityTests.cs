using MediaCompiler.Audio;
using MediaCompiler.Contract;
using MediaCompiler.Engine.Outputs;
using MediaCompiler.Engine.Persistence;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

/// <summary>Issue #12 in the engine: batch look-up, outputs addressed by content and reused, damage detected and repaired, caps, the directory lock.</summary>
public sealed class BatchAndIntegrityTests : IDisposable
{
    private static readonly byte[] Prompt = TestWav.Write(Signals.Speechlike(16000, 0.3), 16000, TestWav.Encoding.Pcm16);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Look_up_answers_held_and_missing_hashes_in_one_call()
    {
        using var engine = new MediaEngine();
        var asset = engine.Upload("welcome.wav", Prompt);
        var unknown = ContentHash.Of([1, 2, 3]);

        var outcome = engine.LookupAssets([asset.ContentHash.ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal), unknown]);

        Assert.Equal([asset.Id], outcome.Result!.Held.Select(a => a.Id));
        Assert.Equal([unknown], outcome.Result.Missing);
    }

    [Fact]
    public void Look_up_refuses_a_malformed_hash_and_too_many_hashes()
    {
        using var engine = new MediaEngine();

        Assert.Equal("IVR3202", engine.LookupAssets(["sha256:zz"]).Rejection!.Code);
        var tooMany = engine.LookupAssets(Enumerable.Range(0, AssetLookupRequest.MaxHashes + 1).Select(i => ContentHash.Of(BitConverter.GetBytes(i))).ToArray());
        Assert.Equal(("IVR3401", RejectionReason.TooLarge), (tooMany.Rejection!.Code, tooMany.Rejection.Reason));
    }

    [Fact]
    public async Task Results_carry_the_hash_of_their_bytes_and_the_same_compile_is_not_converted_again()
    {
        var compiler = new CountingCompiler();
        using var engine = new MediaEngine(null, compiler);
        var asset = engine.Upload("welcome.wav", Prompt);

        var first = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "menu")));
        var second = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "menu-again")));
        var otherLaw = await engine.CompileAsync(EngineFixture.Request("alaw", (asset.Id, "menu")));

        var bytes = engine.GetDownload(first.Results[0].DownloadUri!)!;
        Assert.Equal(ContentHash.Of(bytes), first.Results[0].OutputHash);
        Assert.Equal(first.Results[0].OutputHash, second.Results[0].OutputHash);
        Assert.Equal(bytes, engine.GetDownload(second.Results[0].DownloadUri!));
        Assert.NotEqual(first.Results[0].OutputHash, otherLaw.Results[0].OutputHash);
        Assert.Equal(2, compiler.Calls); // ulaw once, alaw once
    }

    [Fact]
    public async Task Another_target_speech_level_is_compiled_anew_and_a_reused_output_keeps_its_warnings()
    {
        var compiler = new CountingCompiler();
        using var engine = new MediaEngine(null, compiler);
        var asset = engine.Upload("welcome.wav", Prompt);
        CompileRequest At(double level) => EngineFixture.Request("ulaw", (asset.Id, "menu")) with
        {
            Options = new CompileOptions { NormalizeVolume = true, TargetSpeechLevelDbov = level },
        };

        var quiet = await engine.CompileAsync(At(-30));
        var loud = await engine.CompileAsync(At(-3));
        var loudAgain = await engine.CompileAsync(At(-3));

        Assert.NotEqual(quiet.Results[0].OutputHash, loud.Results[0].OutputHash);
        Assert.Equal(2, compiler.Calls); // -30 once, -3 once: the third job reuses the second's bytes
        Assert.Equal(loud.Results[0].OutputHash, loudAgain.Results[0].OutputHash);
        Assert.Contains(loud.Results[0].Warnings ?? [], w => w.Code == "IVR1608"); // -3 dBov cannot be reached unclipped
        Assert.Equal(loud.Results[0].Warnings?.Select(w => w.Code), loudAgain.Results[0].Warnings?.Select(w => w.Code));
    }

    [Fact]
    public async Task A_truncated_output_is_reported_never_served_and_compiled_anew()
    {
        var compiler = new CountingCompiler();
        using var engine = new MediaEngine(new MediaEngineOptions { DataDirectory = _data.Path }, compiler);
        var asset = engine.Upload("welcome.wav", Prompt);
        var job = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "menu")));
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_data.Path, "outputs")));
        var whole = File.ReadAllBytes(file);
        File.WriteAllBytes(file, whole[..(whole.Length / 2)]);

        var read = engine.ReadOutput(job.Results[0].DownloadUri!);
        var again = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "menu")));

        Assert.Equal("IVR3405", Assert.IsType<OutputRead.Damaged>(read).Diagnostic.Code);
        Assert.Null(engine.GetDownload(job.Results[0].DownloadUri!));
        Assert.Equal(whole, engine.GetDownload(again.Results[0].DownloadUri!));
        Assert.Equal(2, compiler.Calls);
    }

    [Fact]
    public void A_damaged_asset_counts_as_missing_and_the_next_upload_repairs_it()
    {
        using var engine = new MediaEngine(new MediaEngineOptions { DataDirectory = _data.Path });
        var asset = engine.Upload("welcome.wav", Prompt);
        var content = Path.Combine(_data.Path, "assets", asset.Id + ".bin");
        var damaged = (byte[])Prompt.Clone();
        damaged[^1] ^= 0xFF;
        File.WriteAllBytes(content, damaged);
        File.SetLastWriteTimeUtc(content, DateTime.UtcNow.AddMinutes(1)); // a change the engine's stamp must notice

        var before = engine.LookupAssets([asset.ContentHash]).Result!;
        var upload = engine.UploadAsset("welcome.wav", Prompt, asset.ContentHash);
        var after = engine.LookupAssets([asset.ContentHash]).Result!;

        Assert.Equal([asset.ContentHash], before.Missing);
        Assert.Equal(UploadDisposition.Repaired, upload.Disposition);
        Assert.Equal([asset.Id], after.Held.Select(a => a.Id));
        Assert.Equal(Prompt, File.ReadAllBytes(content));
    }

    [Fact]
    public void A_job_over_the_entry_cap_is_refused_before_anything_is_stored()
    {
        using var engine = new MediaEngine();
        var media = Enumerable.Range(0, 30_000).Select(i => ("a", $"n{i}")).ToArray();

        var outcome = engine.SubmitCompilation(EngineFixture.Request("ulaw", media));

        Assert.Equal(("IVR3400", RejectionReason.TooLarge), (outcome.Rejection!.Code, outcome.Rejection.Reason));
        Assert.Contains("30000", outcome.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unfinished_jobs_beyond_the_queue_cap_are_refused_as_busy()
    {
        var compiler = new HoldingCompiler();
        using var engine = new MediaEngine(new MediaEngineOptions { MaxUnfinishedJobs = 1 }, compiler);
        var asset = engine.Upload("welcome.wav", Prompt);
        engine.Submit(EngineFixture.Request("ulaw", (asset.Id, "menu")));
        await compiler.Started;

        var outcome = engine.SubmitCompilation(EngineFixture.Request("ulaw", (asset.Id, "menu")));

        Assert.Equal(("IVR3402", RejectionReason.Busy), (outcome.Rejection!.Code, outcome.Rejection.Reason));
    }

    [Fact]
    public void A_second_engine_on_the_same_directory_is_refused_naming_the_holder()
    {
        using var first = new MediaEngine(new MediaEngineOptions { DataDirectory = _data.Path });

        var refused = Assert.Throws<DataDirectoryLockedException>(() => new MediaEngine(new MediaEngineOptions { DataDirectory = _data.Path }));

        Assert.Equal("IVR3404", refused.Diagnostic!.Code);
        Assert.Contains($"process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        first.Dispose();
        using var afterRelease = new MediaEngine(new MediaEngineOptions { DataDirectory = _data.Path });
    }
}
