using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// IvrSyncTimeout: one deadline over the whole network phase. A platform that answers far later than the deadline
/// ends the build at the deadline with IVR2104 saying where it stopped, not after every retry and timeout has run.
/// </summary>
public sealed class SyncDeadlineTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_platform_slower_than_the_deadline_stops_the_build_at_the_deadline_with_IVR2104()
    {
        var settings = new PipelineSettings
        {
            FlowId = "main-menu-flow",
            Engine = new EngineConnection(new Uri("https://media.example.com"), "id", "secret"),
            CompiledPromptsDirectory = _temp.Combine("bin", "prompts"),
            SyncTimeout = TimeSpan.FromMilliseconds(300),
        };
        // Every engine call takes a minute: far past the deadline, as a hung server would.
        var engine = new FakeMediaEngineClient { CallDelay = TimeSpan.FromMinutes(1) };
        var prompt = new PromptInput(TestAudio.WriteTone(_temp.Combine("prompts", "welcome.wav")), "welcome", 1, "alaw");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await new PromptPipeline(settings, _log).RunAsync([prompt], () => engine, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var error = Assert.Single(_log.Errors);
        Assert.Equal("IVR2104", error.Code);
        Assert.Contains("00:00:00.3", error.Message, StringComparison.Ordinal);
        Assert.Contains("sending 1 prompt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_fails_before_any_request_with_IVR5009()
    {
        // A file where the folder should be: unwritable for every user, root included.
        var blocked = _temp.Combine("bin", "prompts");
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        File.WriteAllText(blocked, "a file, not a folder");
        var settings = new PipelineSettings { FlowId = "main-menu-flow", CompiledPromptsDirectory = blocked };
        var engine = new FakeMediaEngineClient();
        var prompt = new PromptInput(TestAudio.WriteTone(_temp.Combine("prompts", "welcome.wav")), "welcome", 1, "alaw");

        var result = await new PromptPipeline(settings, _log).RunAsync([prompt], () => engine, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("IVR5009", Assert.Single(_log.Errors).Code);
        Assert.Equal(0, engine.TotalCalls);
    }

    [Fact]
    public void The_deadline_is_a_setting_with_a_default_and_a_coded_error()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), SettingsParser.Parse(new RawBuildSettings { FlowId = "f" }, [], _ => null).Settings!.SyncTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), SettingsParser.Parse(new RawBuildSettings { FlowId = "f", SyncTimeout = "90" }, [], _ => null).Settings!.SyncTimeout);
        var bad = SettingsParser.Parse(new RawBuildSettings { FlowId = "f", SyncTimeout = "soon" }, [], _ => null);
        Assert.Null(bad.Settings);
        Assert.Contains(bad.Diagnostics, d => d.Code == "IVR2011");
    }
}
