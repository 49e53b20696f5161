using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Contract;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

/// <summary>One job's entries compile on several cores at once (MaxParallelEntries), and the results keep the request's order.</summary>
public sealed class ParallelEntriesTests
{
    [Fact]
    public async Task A_jobs_entries_compile_side_by_side_and_keep_the_requests_order()
    {
        // Each compile waits until a second one is running: one at a time, the first would give up after 10 s
        // (an internal error on its entry) and the job would fail.
        var compiler = new InFlightCompiler(rendezvous: 2);
        using var engine = new MediaEngine(new MediaEngineOptions { MaxParallelEntries = 2 }, compiler);
        var assets = Enumerable.Range(0, 6).Select(i => engine.Upload($"p{i}.wav", Prompt(i))).ToArray();

        var job = await engine.CompileAsync(EngineFixture.Request("ulaw", assets.Select((a, i) => (a.Id, $"node-{i}")).ToArray()));

        Assert.Equal(CompileJobStates.Completed, job.Status);
        Assert.Equal(assets.Select((_, i) => $"node-{i}"), job.Results.Select(r => r.NodeId));
        Assert.Equal(assets.Select(a => a.Id), job.Results.Select(r => r.AssetId));
        Assert.Equal(2, compiler.MostInFlight);
    }

    [Fact]
    public async Task Never_more_entries_at_once_than_MaxParallelEntries()
    {
        var compiler = new InFlightCompiler(rendezvous: 1);
        using var engine = new MediaEngine(new MediaEngineOptions { MaxParallelEntries = 1 }, compiler);
        var assets = Enumerable.Range(0, 4).Select(i => engine.Upload($"p{i}.wav", Prompt(i))).ToArray();

        var job = await engine.CompileAsync(EngineFixture.Request("ulaw", assets.Select((a, i) => (a.Id, $"node-{i}")).ToArray()));

        Assert.Equal(CompileJobStates.Completed, job.Status);
        Assert.Equal(1, compiler.MostInFlight);
    }

    private static byte[] Prompt(int seed) => TestWav.Write(Signals.Speechlike(8000, 0.3, amplitude: 0.3 + (0.05 * seed)), 8000, TestWav.Encoding.Pcm16);

    /// <summary>The real compiler, entered only once <c>rendezvous</c> compiles are in flight together; counts the most seen.</summary>
    private sealed class InFlightCompiler(int rendezvous) : IAssetCompiler
    {
        private readonly AssetCompiler _real = new(ffmpegPath: null, TimeSpan.FromSeconds(60));
        private readonly object _gate = new();
        private readonly TaskCompletionSource _together = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int MostInFlight { get; private set; }

        public async Task<CompiledAsset> CompileAsync(byte[] content, string fileName, G711Law law, bool normalizeVolume, double? targetSpeechLevelDbov,
            bool stripMetadata, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                MostInFlight = Math.Max(MostInFlight, ++_inFlight);
                if (_inFlight >= rendezvous)
                {
                    _together.TrySetResult();
                }
            }
            try
            {
                await _together.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                // Long enough that the others of a side-by-side run overlap this one.
                await Task.Delay(20, cancellationToken);
                return await _real.CompileAsync(content, fileName, law, normalizeVolume, targetSpeechLevelDbov, stripMetadata, cancellationToken);
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight--;
                }
            }
        }
    }
}
