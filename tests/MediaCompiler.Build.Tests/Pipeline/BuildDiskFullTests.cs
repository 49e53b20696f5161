using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// Issue 20, item 6, on the build's side: every file a build writes, run out of disk part-way through its write
/// (<see cref="DiskFullStream"/>: the rest of the bytes go to /dev/full, a real ENOSPC). What the build needs (the
/// compiled prompts) is IVR5010 naming the file; what only records or speeds up the work (the prompt cache, the asset
/// cache, the audit log) is its documented warning and the build goes on; never an internal error, and never a half
/// file or a stray temporary one left behind.
/// </summary>
public sealed class BuildDiskFullTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private RecordingLog _log = new();
    private readonly FakeMediaEngineClient _engine = new();

    public void Dispose() => _temp.Dispose();

    private PipelineSettings Settings => new()
    {
        FlowId = "main-menu-flow",
        Engine = new EngineConnection(new Uri("https://media.example.com"), "id", "secret"),
        AuditLogPath = _temp.Combine("obj", "audit.jsonl"),
        PromptCacheDirectory = _temp.Combine("obj", "prompt-cache"),
        CompiledPromptsDirectory = _temp.Combine("obj", "ivr", "prompts"),
        InitialPollInterval = TimeSpan.FromMilliseconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private PromptInput[] Prompts(double welcomeHz) =>
    [
        new(TestAudio.WriteTone(_temp.Combine("prompts", "welcome.wav"), welcomeHz), "welcome", 1, "alaw"),
        new(TestAudio.WriteTone(_temp.Combine("prompts", "goodbye.wav"), 660), "goodbye", 1, "alaw"),
    ];

    private Task<PipelineResult> RunAsync(double welcomeHz = 440, bool inProcessEngine = false) =>
        new PromptPipeline(Settings, _log).RunAsync(Prompts(welcomeHz),
            () => inProcessEngine ? MediaCompiler.Engine.InProcess.InProcessMediaEngineClient.StartNew() : _engine, CancellationToken.None);

    [DevFullFact]
    public async Task A_compiled_prompt_on_a_full_disk_is_ivr5010_naming_it_and_leaves_no_half_file()
    {
        var target = _temp.Combine("obj", "ivr", "prompts", "welcome.wav");
        var (scope, failed) = DiskFullStream.Intercept(path => path == target);
        PipelineResult result;
        using (scope)
        {
            // The in-process engine: its download is written as the HTTP client's is (the fake's is not).
            result = await RunAsync(inProcessEngine: true);
        }

        Assert.Single(failed);
        Assert.False(result.Succeeded);
        // The outputs of one compile job come down as one batch, which stops at the full disk: each prompt of it is
        // IVR5010 naming its own file, the one that ran out first among them.
        var errors = _log.Diagnostics.Where(d => d.IsError).ToArray();
        Assert.All(errors, e => Assert.Equal("IVR5010", e.Code));
        Assert.Contains(errors, e => e.Message.StartsWith($"'{target}' could not be written: the disk is full", StringComparison.Ordinal));
        AssertNoInternalError();
        Assert.False(File.Exists(target));
        AssertNoTemporaryFile();
    }

    [DevFullFact]
    public async Task A_prompt_restored_from_the_cache_on_a_full_disk_is_ivr5010_naming_it()
    {
        Assert.True((await RunAsync()).Succeeded, string.Join("\n", _log.Diagnostics));
        var target = _temp.Combine("obj", "ivr", "prompts", "goodbye.wav");
        File.Delete(target);
        _log = new RecordingLog();

        var (scope, failed) = DiskFullStream.Intercept(path => path == target);
        PipelineResult result;
        using (scope)
        {
            result = await RunAsync();
        }

        Assert.Single(failed);
        Assert.False(result.Succeeded);
        var error = Assert.Single(_log.Diagnostics, d => d.IsError);
        Assert.Equal(("IVR5010", true), (error.Code, error.Message.Contains(target, StringComparison.Ordinal)));
        AssertNoInternalError();
        Assert.False(File.Exists(target));
        AssertNoTemporaryFile();
    }

    [DevFullFact]
    public async Task The_prompt_cache_on_a_full_disk_is_its_warning_and_the_build_succeeds()
    {
        var cache = _temp.Combine("obj", "prompt-cache");
        var (scope, failed) = DiskFullStream.Intercept(path => path.StartsWith(cache, StringComparison.Ordinal));
        PipelineResult result;
        using (scope)
        {
            result = await RunAsync();
        }

        Assert.NotEmpty(failed);
        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        Assert.All(_log.Diagnostics, d => Assert.Equal(("IVR5008", false), (d.Code, d.IsError)));
        Assert.Contains(_log.Diagnostics, d => d.Message.Contains("No space left on device", StringComparison.Ordinal));
        // Nothing the cache keeps is a file cut short: every entry that exists is whole, or none was kept.
        Assert.Empty(Directory.Exists(cache) ? Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories) : []);
        AssertNoTemporaryFile();
    }

    [DevFullFact]
    public async Task The_audit_log_on_a_full_disk_is_its_warning_keeps_no_half_line_and_is_not_retried()
    {
        Assert.True((await RunAsync()).Succeeded, string.Join("\n", _log.Diagnostics));
        var audit = _temp.Combine("obj", "audit.jsonl");
        var before = File.ReadAllBytes(audit);
        _log = new RecordingLog();

        var (scope, failed) = DiskFullStream.Intercept(path => path == audit);
        PipelineResult result;
        using (scope)
        {
            result = await RunAsync(welcomeHz: 550); // a changed prompt: a compile job, so an audit line
        }

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        // One attempt: a full disk is not a parallel build holding the file, worth 50 more.
        Assert.Single(failed);
        var warning = Assert.Single(_log.Diagnostics);
        Assert.Equal(("IVR5003", false), (warning.Code, warning.IsError));
        Assert.Contains(audit, warning.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(audit));
    }

    private void AssertNoInternalError() =>
        Assert.DoesNotContain(_log.Diagnostics, d => d.Code.StartsWith("IVR90", StringComparison.Ordinal) || d.Message.Contains("This is a bug", StringComparison.Ordinal));

    private void AssertNoTemporaryFile() =>
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
}
