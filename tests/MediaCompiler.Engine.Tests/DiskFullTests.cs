using MediaCompiler.Contract;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

/// <summary>
/// The engine's data directory on a full disk (<see cref="DiskFullStream"/>: a real ENOSPC part-way through the write,
/// through the state store's atomic writes): an upload stores nothing a restart would trust, and a compile job ends
/// FAILED saying the disk is full (IVR5010's words), not an internal error.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private static readonly byte[] Prompt = TestWav.Write(Signals.Speechlike(16000, 0.3), 16000, TestWav.Encoding.Pcm16);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private MediaEngine NewEngine() => new(new MediaEngineOptions { DataDirectory = _data.Path });

    [DevFullFact]
    public void An_upload_a_full_disk_cannot_take_fails_and_leaves_nothing_a_restart_would_trust()
    {
        var assets = Path.Combine(_data.Path, "assets");
        using (var engine = NewEngine())
        {
            var (scope, failed) = DiskFullStream.Intercept(path => path.StartsWith(assets, StringComparison.Ordinal));
            using (scope)
            {
                var error = Assert.ThrowsAny<IOException>(() => engine.Upload("welcome.wav", Prompt));
                Assert.True(MediaCompiler.Diagnostics.WriteFailure.IsDiskFull(error));
            }

            Assert.NotEmpty(failed);
            Assert.Empty(engine.FindAssetsByContentHash(ContentHashOf(Prompt)));
        }

        using var restarted = NewEngine();
        Assert.Empty(restarted.LoadWarnings);
        Assert.Empty(restarted.FindAssetsByContentHash(ContentHashOf(Prompt)));
        Assert.Empty(Directory.EnumerateFiles(assets));
    }

    [DevFullFact]
    public async Task A_job_whose_outputs_a_full_disk_cannot_take_fails_saying_the_disk_is_full()
    {
        var outputs = Path.Combine(_data.Path, "outputs");
        var (scope, failed) = DiskFullStream.Intercept(path => path.StartsWith(outputs, StringComparison.Ordinal));
        CompileJobStatus job;
        using (scope)
        {
            using var engine = NewEngine();
            var asset = engine.Upload("welcome.wav", Prompt);
            job = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "menu")));
        }

        Assert.NotEmpty(failed);
        Assert.Equal(CompileJobStates.Failed, job.Status);
        Assert.Contains("the disk is full", job.Message!, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", job.Message!, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFiles(outputs));
    }

    private static string ContentHashOf(byte[] bytes) => MediaCompiler.Audio.ContentHash.Of(bytes);
}
