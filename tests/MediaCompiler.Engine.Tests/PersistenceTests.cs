using MediaCompiler.Contract;
using MediaCompiler.Engine.Persistence;
using MediaCompiler.Storage;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

public sealed class PersistenceTests : IDisposable
{
    private static readonly byte[] Prompt = TestWav.Write(Signals.Speechlike(16000, 0.3), 16000, TestWav.Encoding.Pcm16);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private MediaEngine NewEngine(HoldingCompiler? compiler = null) =>
        new(new MediaEngineOptions { DataDirectory = _data.Path }, compiler);

    [Fact]
    public async Task Assets_jobs_and_outputs_survive_a_new_engine_on_the_same_directory()
    {
        MediaAssetDto asset;
        CompileJobStatus job;
        byte[] output;
        using (var first = NewEngine())
        {
            asset = first.Upload("welcome.wav", Prompt);
            job = await first.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "menu")));
            output = first.GetDownload(job.Results[0].DownloadUri!)!;
        }

        using var second = NewEngine();

        Assert.Empty(second.LoadWarnings);
        Assert.Equal(asset, second.GetAsset(asset.Id));
        Assert.Equal(asset, Assert.Single(second.FindAssetsByContentHash(asset.ContentHash)));
        Assert.Equal(UploadDisposition.AlreadyHeld, second.UploadAsset("again.wav", Prompt, null).Disposition);
        var reloaded = second.GetJob(job.Id)!;
        Assert.Equal(job with { Results = [] }, reloaded with { Results = [] });
        Assert.Equal(job.Results, reloaded.Results);
        Assert.Equal(output, second.GetDownload(job.Results[0].DownloadUri!));
        Assert.Equal(job.Id, (await second.WaitForJobAsync(job.Id, EngineFixture.Guard())).Id);
        // New work still compiles from the persisted asset.
        Assert.Equal(CompileJobStates.Completed, (await second.CompileAsync(EngineFixture.Request("alaw", (asset.Id, "x")))).Status);
    }

    [Fact]
    public async Task Jobs_unfinished_at_shutdown_run_again_on_the_next_start()
    {
        string id;
        var holding = new HoldingCompiler();
        using (var first = NewEngine(holding))
        {
            var asset = first.Upload("welcome.wav", Prompt);
            id = first.Submit(EngineFixture.Request("ulaw", (asset.Id, "menu")));
            await holding.Started;
        }

        using var second = NewEngine();
        var job = await second.WaitForJobAsync(id, EngineFixture.Guard());

        Assert.Equal(CompileJobStates.Completed, job.Status);
        Assert.NotNull(second.GetDownload(job.Results[0].DownloadUri!));
    }

    [Fact]
    public async Task Corrupt_state_files_are_set_aside_with_a_warning_and_the_rest_is_kept()
    {
        MediaAssetDto kept, damaged;
        CompileJobStatus goodJob, badJob;
        using (var first = NewEngine())
        {
            kept = first.Upload("kept.wav", Prompt);
            damaged = first.Upload("damaged.wav", TestWav.Write(Signals.Tone(500, 0.5, 8000, 0.5), 8000, TestWav.Encoding.Pcm16));
            goodJob = await first.CompileAsync(EngineFixture.Request("ulaw", (kept.Id, "a")));
            badJob = await first.CompileAsync(EngineFixture.Request("ulaw", (kept.Id, "b")));
        }

        var badJobFile = Path.Combine(_data.Path, "jobs", badJob.Id + ".json");
        File.WriteAllText(badJobFile, "{\"id\": \"" + badJob.Id + "\", \"status\": ");
        File.WriteAllBytes(Path.Combine(_data.Path, "assets", damaged.Id + ".bin"), [1, 2, 3]);
        File.WriteAllText(Path.Combine(_data.Path, "jobs", "stray.json"), "null");
        File.WriteAllText(Path.Combine(_data.Path, "jobs", "leftover.json.0123.tmp"), "half written");

        using var second = NewEngine();

        Assert.Equal(3, second.LoadWarnings.Count);
        Assert.All(second.LoadWarnings, w => Assert.Equal("IVR3301", w.Code));
        Assert.Contains(second.LoadWarnings, w => w.Message.Contains(badJob.Id + ".json"));
        Assert.True(File.Exists(badJobFile + ".corrupt"));
        Assert.False(File.Exists(badJobFile));
        Assert.False(File.Exists(Path.Combine(_data.Path, "jobs", "leftover.json.0123.tmp")));
        Assert.Null(second.GetJob(badJob.Id));
        Assert.Null(second.GetAsset(damaged.Id));
        Assert.Equal(kept, second.GetAsset(kept.Id));
        Assert.Equal(CompileJobStates.Completed, second.GetJob(goodJob.Id)!.Status);
        Assert.NotNull(second.GetDownload(goodJob.Results[0].DownloadUri!));

        // Once set aside, they are not reported again.
        second.Dispose();
        using var third = NewEngine();
        Assert.Empty(third.LoadWarnings);
    }

    [Fact]
    public async Task Reset_empties_the_data_directory()
    {
        using (var first = NewEngine())
        {
            var asset = first.Upload("welcome.wav", Prompt);
            await first.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "a")));
            first.Reset();
        }

        using var second = NewEngine();

        // Only the lock of the engine now holding the directory (and its holder's name) remain.
        Assert.DoesNotContain(Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories),
            f => System.IO.Path.GetFileName(f) is not ("engine.lock" or "engine.owner"));
        Assert.Empty(second.FindAssetsByContentHash(Audio.ContentHash.Of(Prompt)));
    }

    [Fact]
    public void Atomic_writes_replace_the_file_and_leave_no_temporary_behind()
    {
        var path = Path.Combine(_data.Path, "state.json");
        AtomicFile.WriteAllBytes(path, "old"u8);

        AtomicFile.WriteAllBytes(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_data.Path));
    }
}
