using System.Globalization;
using System.Text.Json.Nodes;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Contract;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Caching;
using MediaCompiler.Storage;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// Per-prompt incrementality through the prompt cache: one edited prompt is the only one decoded, sent and written;
/// an unchanged project makes no request; warnings come back without the work; damaged, half-written and shared
/// caches never mislead a build; the cache stays within its cap.
/// </summary>
public sealed class PromptCacheTests : IDisposable
{
    private const int PromptCount = 20;
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _temp.Dispose();

    private string CacheDirectory => _temp.Combine("obj", "prompt-cache");

    private PipelineSettings Settings(string output = "prompts", bool normalize = true) => new()
    {
        FlowId = "main-menu-flow",
        CompiledPromptsDirectory = _temp.Combine("bin", output),
        PromptCacheDirectory = CacheDirectory,
        Options = new CompileOptions { NormalizeVolume = normalize },
        InitialPollInterval = TimeSpan.FromMilliseconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private PromptInput[] Prompts() => Enumerable.Range(0, PromptCount)
        .Select(i => new PromptInput(TestAudio.WriteTone(_temp.Combine("prompts", $"p{i:00}.wav"), 300 + (37 * i)), $"p{i:00}", 1, "alaw"))
        .ToArray();

    private async Task<(PipelineResult Result, FakeMediaEngineClient Engine)> BuildAsync(PipelineSettings settings, PromptInput[] prompts)
    {
        var engine = new FakeMediaEngineClient();
        var result = await new PromptPipeline(settings, _log).RunAsync(prompts, () => engine, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        return (result, engine);
    }

    [Fact]
    public async Task One_edited_prompt_of_twenty_is_the_only_one_checked_sent_and_written()
    {
        var prompts = Prompts();
        var (cold, coldEngine) = await BuildAsync(Settings(), prompts);
        Assert.Equal(PromptCount, coldEngine.Calls("UploadAssetAsync"));
        var outputs = cold.CompiledPrompts.ToDictionary(p => p.NodeId, p => File.ReadAllBytes(p.OutputPath!));

        TestAudio.WriteTone(prompts[7].Path, 1234);
        _log.Clear();
        var (warm, engine) = await BuildAsync(Settings(), prompts);

        Assert.Equal(1, engine.Calls("UploadAssetAsync"));
        Assert.Equal(["p07"], engine.LastRequest!.Media!.Select(p => p.NodeId));
        Assert.Equal(prompts.Select(p => p.NodeId), warm.CompiledPrompts.Select(p => p.NodeId));
        Assert.Contains(_log.Messages, m => m.Contains($"{PromptCount - 1} unchanged, their findings from the prompt cache", StringComparison.Ordinal));
        Assert.All(warm.CompiledPrompts.Where(p => p.NodeId != "p07"), p => Assert.Equal(outputs[p.NodeId], File.ReadAllBytes(p.OutputPath!)));
        Assert.NotEqual(cold.CompiledPrompts[7].ContentHash, warm.CompiledPrompts[7].ContentHash);
        Assert.Equal(engine.Assets.Single().Id, warm.CompiledPrompts[7].AssetId);
    }

    [Fact]
    public async Task An_unchanged_project_makes_no_request_and_restores_deleted_outputs_from_the_cache()
    {
        var prompts = Prompts();
        var (cold, _) = await BuildAsync(Settings(), prompts);
        File.Delete(cold.CompiledPrompts[3].OutputPath!);

        var (again, engine) = await BuildAsync(Settings(), prompts);

        Assert.Equal(0, engine.TotalCalls);
        Assert.Equal(cold.CompiledPrompts, again.CompiledPrompts);
        Assert.True(File.Exists(cold.CompiledPrompts[3].OutputPath!));
    }

    [Fact]
    public async Task Warnings_are_replayed_from_the_cache_without_decoding_again()
    {
        // A quiet prompt, levels not normalised: IVR1601 on its file.
        var quietPath = _temp.Combine("prompts", "quiet.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(quietPath)!);
        File.WriteAllBytes(quietPath, PcmWav.Write16(Tones.Sine(440, 1.0, 8000, amplitude: 400), 8000));
        var quiet = new PromptInput(quietPath, "quiet", 1, "alaw");
        await BuildAsync(Settings(normalize: false), [quiet]);
        var first = _log.Warnings.Select(d => (d.Code, d.File, d.Message)).ToArray();
        Assert.Contains(first, w => w.Code == "IVR1601");

        _log.Clear();
        await BuildAsync(Settings(normalize: false), [quiet]);

        Assert.Equal(first, _log.Warnings.Select(d => (d.Code, d.File, d.Message)));
        Assert.Contains(_log.Messages, m => m.Contains("1 unchanged, their findings from the prompt cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_damaged_entry_is_discarded_with_a_warning_and_the_prompt_compiled_again()
    {
        var prompts = Prompts();
        await BuildAsync(Settings(), prompts);
        var journal = Assert.Single(Journals());
        var lines = File.ReadAllLines(journal).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        // An output entry that lies about its bytes, a checks entry with a code no version of ours has, a line cut short.
        var output = lines.First(l => (string?)l["Kind"] == "output");
        output["Bytes"] = (long)output["Bytes"]! + 1;
        var checks = lines.First(l => (string?)l["Kind"] == "checks");
        checks["Diagnostics"] = JsonNode.Parse("""[{"Code":"IVR0000","Severity":1,"Message":"?"}]""");
        File.WriteAllLines(journal, [.. lines.Select(l => l.ToJsonString()), """{"Version":3,"Kind":"chec"""]);

        _log.Clear();
        var (_, engine) = await BuildAsync(Settings(), prompts);

        Assert.Equal(3, _log.Warnings.Count(d => d.Code == "IVR5007"));
        Assert.Equal(1, engine.Calls("UploadAssetAsync"));
        Assert.Contains(_log.Messages, m => m.Contains($"{PromptCount - 1} unchanged, their findings from the prompt cache", StringComparison.Ordinal));
        // The build that found the damage rewrote the journals without it.
        Assert.Single(Journals());
        _log.Clear();
        var (_, third) = await BuildAsync(Settings(), prompts);
        Assert.Equal(0, third.TotalCalls);
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task A_build_killed_between_the_bytes_and_the_entry_leaves_nothing_that_is_trusted()
    {
        var prompts = Prompts();
        await BuildAsync(Settings(), prompts);
        // Killed mid-write: a temporary file left over, one entry's bytes gone, another's cut short.
        var bytes = Directory.GetFiles(CacheDirectory, "*.wav", SearchOption.AllDirectories);
        File.Delete(bytes[0]);
        File.WriteAllBytes(bytes[1], File.ReadAllBytes(bytes[1])[..^1]);
        File.WriteAllText(bytes[2] + ".tmp", "half");

        _log.Clear();
        var (result, engine) = await BuildAsync(Settings(), prompts);

        Assert.Equal(2, engine.Calls("UploadAssetAsync"));
        Assert.All(result.CompiledPrompts, p => Assert.Equal(p.Bytes, new FileInfo(p.OutputPath!).Length));
    }

    [Fact]
    public async Task Entries_a_power_loss_left_zero_filled_are_discarded_not_restored()
    {
        // Entries are written without a flush to disk each: after a power loss a new name can hold zeros of the right
        // length. Such bytes must never come back as a compiled prompt, and such an entry never mislead a build.
        var prompts = Prompts();
        await BuildAsync(Settings(), prompts);
        var bytes = Directory.GetFiles(CacheDirectory, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        File.WriteAllBytes(bytes[0], new byte[new FileInfo(bytes[0]).Length]);
        // The journal a later build was writing, zero-filled: nothing in it is trusted, the earlier ones still are.
        var journal = Assert.Single(Journals());
        var name = Path.GetFileName(journal);
        var later = Path.Combine(CacheDirectory, $"{long.Parse(name[..19], CultureInfo.InvariantCulture) + 1:D19}{name[19..]}");
        File.WriteAllBytes(later, new byte[new FileInfo(journal).Length]);

        _log.Clear();
        var (result, engine) = await BuildAsync(Settings(), prompts);

        Assert.Equal(2, _log.Warnings.Count(d => d.Code == "IVR5007"));
        Assert.Contains(_log.Warnings, d => d.Code == "IVR5007" && d.Message.Contains("SHA-256", StringComparison.Ordinal));
        Assert.Equal(1, engine.Calls("UploadAssetAsync"));
        Assert.All(result.CompiledPrompts, p => Assert.Contains(File.ReadAllBytes(p.OutputPath!), b => b != 0));
    }

    [Fact]
    public async Task Two_builds_sharing_one_cache_at_once_both_succeed_and_agree()
    {
        var prompts = Prompts();

        var builds = await Task.WhenAll(BuildAsync(Settings("a"), prompts), BuildAsync(Settings("b"), prompts));

        var a = builds[0].Result.CompiledPrompts;
        var b = builds[1].Result.CompiledPrompts;
        Assert.Equal(a.Select(p => File.ReadAllBytes(p.OutputPath!)), b.Select(p => File.ReadAllBytes(p.OutputPath!)));
        var (_, third) = await BuildAsync(Settings("c"), prompts);
        Assert.Equal(0, third.TotalCalls);
    }

    [Fact]
    public async Task Journals_of_many_builds_are_merged_into_one_that_keeps_every_entry()
    {
        var prompts = Prompts();
        await BuildAsync(Settings(), prompts);
        // Eight more builds, each with one prompt changed: one journal each; the last finds nine and merges them.
        for (var i = 0; i < PromptCache.JournalsBeforeCompaction; i++)
        {
            TestAudio.WriteTone(prompts[i].Path, 2000 + i);
            await BuildAsync(Settings(), prompts);
        }

        Assert.Single(Journals());
        foreach (var (prompt, i) in prompts.Select((p, i) => (p, i)).Take(3))
        {
            TestAudio.WriteTone(prompt.Path, 300 + (37 * i)); // back to the first build's bytes: still in the cache
        }
        _log.Clear();
        var (_, engine) = await BuildAsync(Settings(), prompts);
        Assert.Equal(0, engine.TotalCalls);
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task The_cache_keeps_within_its_cap_by_dropping_the_least_recently_used()
    {
        var prompts = Prompts();
        await BuildAsync(Settings(), prompts);
        var total = Directory.GetFiles(CacheDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

        var oldest = Directory.GetFiles(CacheDirectory, "*.wav")[3];
        File.SetLastWriteTimeUtc(oldest, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)); // used longest ago
        var cap = total - 1;

        var cache = PromptCache.Open(CacheDirectory, cap, _log)!;
        cache.Trim();

        var left = Directory.GetFiles(CacheDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(left, 1, cap);
        // Kept bytes go first, the least recently used of them; the journal of entries stays while they suffice.
        Assert.False(File.Exists(oldest));
        Assert.Single(Journals());

        // A cap below even the journals: they go too, oldest first (what is left is a miss, never a wrong answer).
        PromptCache.Open(CacheDirectory, 1, _log)!.Trim();
        Assert.Empty(Directory.GetFiles(CacheDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_kept_output_is_a_second_name_for_the_compiled_prompt_not_a_copy()
    {
        // A copy creates a file per prompt, which is most of what keeping an output costs on a slow file system.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var prompts = Prompts();
        var (cold, _) = await BuildAsync(Settings(), prompts);

        var kept = Directory.GetFiles(CacheDirectory, "*.wav", SearchOption.AllDirectories);
        Assert.Equal(PromptCount, kept.Length);
        var outputInodes = cold.CompiledPrompts.Select(p => Inode(p.OutputPath!)).ToHashSet();
        Assert.All(kept, file => Assert.Contains(Inode(file), outputInodes));
        var coldBytes = File.ReadAllBytes(cold.CompiledPrompts[2].OutputPath!);
        var coldInode = Inode(cold.CompiledPrompts[2].OutputPath!);

        // A later build replaces the output by rename, so the kept bytes stay as they were and still restore it.
        TestAudio.WriteTone(prompts[2].Path, 2345);
        var (edited, engine) = await BuildAsync(Settings(), prompts);
        Assert.Equal(1, engine.Calls("UploadAssetAsync"));
        Assert.NotEqual(coldInode, Inode(edited.CompiledPrompts[2].OutputPath!));
        Assert.Contains(kept, file => Inode(file) == coldInode && File.ReadAllBytes(file).SequenceEqual(coldBytes));
        TestAudio.WriteTone(prompts[2].Path, 300 + (37 * 2));
        var (back, again) = await BuildAsync(Settings(), prompts);
        Assert.Equal(0, again.TotalCalls);
        Assert.Equal(coldBytes, File.ReadAllBytes(back.CompiledPrompts[2].OutputPath!));
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task Entries_are_all_in_one_journal_when_the_build_returns()
    {
        var prompts = Prompts();
        // Every cache write made slow: a build that returned before its writes ended would leave them missing.
        using (AtomicFile.InterceptWrites((_, stream) => new SlowStream(stream)))
        {
            await BuildAsync(Settings(), prompts);
        }

        // One journal with every entry: a file per build, not per entry (creating files is what a cold build paid for).
        var entries = File.ReadAllLines(Assert.Single(Journals())).Select(l => (string?)JsonNode.Parse(l)!["Kind"]).ToList();
        Assert.Equal(PromptCount, entries.Count(k => k == "checks"));
        Assert.Equal(PromptCount, entries.Count(k => k == "output"));
        Assert.Empty(Directory.GetFiles(CacheDirectory, "*" + AtomicFile.TempSuffix));
        _log.Clear();
        var (_, engine) = await BuildAsync(Settings(), prompts);
        Assert.Equal(0, engine.TotalCalls);
        Assert.Contains(_log.Messages, m => m.Contains($"{PromptCount} unchanged, their findings from the prompt cache", StringComparison.Ordinal));
    }

    private string[] Journals() => Directory.GetFiles(CacheDirectory, "*" + PromptCache.JournalSuffix);

    private static string Inode(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%d:%i", path]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return inode;
    }

    /// <summary>Passes every write through after a pause.</summary>
    private sealed class SlowStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Thread.Sleep(20);
            inner.Write(buffer);
        }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
