using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>Builds sharing one IvrCacheDirectory: each save merges into the file, so no build loses another's entries.</summary>
public sealed class AssetCacheMergeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Three_concurrent_builds_keep_every_entry()
    {
        var path = _temp.Combine("shared", "asset-cache.json");
        var engine = new EngineConnection(new Uri("https://media.example.com"), "id", "secret");
        // All three load the cache before any saves, as three builds started together would.
        var builds = Enumerable.Range(0, 3).Select(_ => AssetCache.Load(path, _log)).ToArray();
        for (int b = 0; b < builds.Length; b++)
        {
            for (int i = 0; i < 50; i++)
            {
                builds[b].Set(AssetCache.KeyOf(engine, $"sha256:{b}-{i}"), $"asset-{b}-{i}");
            }
        }

        using var start = new Barrier(builds.Length);
        await Task.WhenAll(builds.Select(cache => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            cache.SaveIfChanged(_log);
        })));

        var merged = AssetCache.Load(path, _log);
        Assert.Equal(150, merged.Count);
        Assert.Equal("asset-2-49", merged.Get(AssetCache.KeyOf(engine, "sha256:2-49")));
        Assert.Empty(_log.Diagnostics);
    }

    [Fact]
    public void A_removal_by_one_build_is_kept_and_others_entries_survive_it()
    {
        var path = _temp.Combine("asset-cache.json");
        var engine = new EngineConnection(new Uri("https://media.example.com"), "id", "secret");
        var seed = AssetCache.Load(path, _log);
        seed.Set(AssetCache.KeyOf(engine, "sha256:stale"), "gone");
        seed.SaveIfChanged(_log);
        var first = AssetCache.Load(path, _log);
        var second = AssetCache.Load(path, _log);

        first.Remove(AssetCache.KeyOf(engine, "sha256:stale"));
        second.Set(AssetCache.KeyOf(engine, "sha256:new"), "asset-new");
        first.SaveIfChanged(_log);
        second.SaveIfChanged(_log);

        var merged = AssetCache.Load(path, _log);
        Assert.Equal("asset-new", merged.Get(AssetCache.KeyOf(engine, "sha256:new")));
        // The second build never touched the stale key: its save must not bring it back.
        Assert.Null(merged.Get(AssetCache.KeyOf(engine, "sha256:stale")));
    }
}
