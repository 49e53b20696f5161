using MediaCompiler.Build.Tests.Support;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MediaCompiler.Build.Tests.Tasks;

public sealed class CompileIvrPromptsTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingBuildEngine _buildEngine = new();
    private readonly Dictionary<string, string> _environment = new();

    public void Dispose() => _temp.Dispose();

    private CompileIvrPrompts Task(params ITaskItem[] prompts) => new()
    {
        BuildEngine = _buildEngine,
        Prompts = prompts,
        FlowId = "main-menu-flow",
        CompiledPromptsDirectory = _temp.Combine("bin", "prompts"),
        AuditLogPath = _temp.Combine("obj", "audit.jsonl"),
        CacheDirectory = _temp.Combine("obj"),
        ReadEnvironment = name => _environment.GetValueOrDefault(name),
    };

    private ITaskItem Tone(string name, double frequency = 440) =>
        new TaskItem(TestAudio.WriteTone(_temp.Combine("prompts", name + ".wav"), frequency));

    [Fact]
    public void Invalid_prompt_is_a_coded_error_on_its_file()
    {
        var broken = new TaskItem(TestAudio.WriteNotAudio(_temp.Combine("prompts", "broken.wav")));
        var task = Task(Tone("welcome"), broken);

        Assert.False(task.Execute());

        Assert.NotEmpty(_buildEngine.Errors);
        Assert.All(_buildEngine.Errors, e =>
        {
            Assert.StartsWith("IVR1", e.Code);
            Assert.Equal(broken.ItemSpec, e.File);
            Assert.Equal(e.Code, e.HelpKeyword);
        });
    }

    [Fact]
    public void Bad_settings_are_reported_together_before_any_work()
    {
        var task = Task(Tone("welcome"));
        task.Encoding = "mp3";
        task.CompileTimeout = "soon";
        task.EngineUrl = "https://media.example.com";   // no credentials in the environment

        Assert.False(task.Execute());

        Assert.Equal(["IVR2001", "IVR2003", "IVR2008"], _buildEngine.Errors.Select(e => e.Code).Order());
        Assert.False(File.Exists(_temp.Combine("obj", "audit.jsonl")));
    }

    [Fact]
    public void Bad_item_metadata_is_an_error_on_the_item()
    {
        var item = Tone("welcome");
        item.SetMetadata("Priority", "urgent");

        Assert.False(Task(item).Execute());

        var error = Assert.Single(_buildEngine.Errors);
        Assert.Equal(("IVR2022", item.ItemSpec), (error.Code, error.File));
    }

    [Fact]
    public void Secret_never_reaches_the_log()
    {
        _environment["GENESYS_CLIENT_ID"] = "build-agent";
        _environment["GENESYS_CLIENT_SECRET"] = "very-secret-value";
        var task = Task(Tone("welcome"));
        // Nothing listens on port 9: the build fails talking to the engine, and must say so without the secret.
        task.EngineUrl = "http://127.0.0.1:9";
        task.CompileTimeout = "5";

        Assert.False(task.Execute());

        var everything = _buildEngine.Errors.Select(e => e.Message)
            .Concat(_buildEngine.Warnings.Select(w => w.Message))
            .Concat(_buildEngine.Messages.Select(m => m.Message));
        Assert.DoesNotContain(everything, text => text?.Contains("very-secret-value") == true);
        Assert.NotEmpty(_buildEngine.Errors);
    }

    [Fact]
    public void Validate_only_succeeds_without_an_engine_or_a_flow_id()
    {
        var task = Task(Tone("welcome"));
        task.FlowId = "";
        task.ValidateOnly = "true";
        task.EngineUrl = "https://media.example.com";   // ignored: nothing is uploaded

        Assert.True(task.Execute(), string.Join("\n", _buildEngine.Errors.Select(e => e.Message)));
        Assert.Empty(task.CompiledPrompts);
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancel_ends_a_build_waiting_on_a_job_that_never_finishes_with_false()
    {
        var engine = new FakeMediaEngineClient { JobOutcome = FakeJobOutcome.NeverFinish };
        var task = Task(Tone("welcome"));
        task.ConnectEngine = (_, _) => engine;

        var execution = System.Threading.Tasks.Task.Run(task.Execute);
        Assert.True(SpinWait.SpinUntil(() => engine.Calls("GetCompilationAsync") > 0, TimeSpan.FromSeconds(30)), "the build never started polling");
        task.Cancel();

        // No time assertion: the point is that Execute returns at all (the job itself never ends).
        Assert.False(await execution.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains(_buildEngine.Warnings, w => w.Code == "IVR5005");
    }

    [Fact]
    public void Compiled_prompts_are_returned_for_FileWrites()
    {
        var engine = new FakeMediaEngineClient();
        var task = Task(Tone("welcome"), Tone("goodbye", 660));
        task.ConnectEngine = (_, _) => engine;

        Assert.True(task.Execute(), string.Join("\n", _buildEngine.Errors.Select(e => e.Message)));

        Assert.Equal(
            [_temp.Combine("bin", "prompts", "goodbye.wav"), _temp.Combine("bin", "prompts", "welcome.wav")],
            task.CompiledPrompts.Select(i => i.ItemSpec));
        Assert.Contains(_buildEngine.Messages, m => m.Importance == MessageImportance.High && m.Message!.Contains("2 compiled"));
    }
}
