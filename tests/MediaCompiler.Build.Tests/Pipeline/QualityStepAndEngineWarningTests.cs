using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// The pipeline's side of the quality work without MSBuild: the engine's result warnings become warnings on the
/// prompt's file, and the quality step's seams (a prompt it cannot decode, checks turned off, validate-only) behave.
/// </summary>
public sealed class QualityStepAndEngineWarningTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();
    private readonly FakeMediaEngineClient _engine = new();

    public void Dispose() => _temp.Dispose();

    private static PipelineSettings Settings => new()
    {
        FlowId = "main-menu-flow",
        // The engine's warnings are the subject here; the local quality checks have tests of their own below.
        QualityChecks = false,
        InitialPollInterval = TimeSpan.FromMilliseconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private PromptInput Prompt(string name) => new(TestAudio.WriteTone(_temp.Combine("prompts", name + ".wav"), 440, seconds: 1), name, 1, "alaw");

    private Task<PipelineResult> RunAsync(PipelineSettings settings, params PromptInput[] prompts) =>
        new PromptPipeline(settings, _log).RunAsync(prompts, () => _engine, CancellationToken.None);

    [Fact]
    public async Task Warnings_on_a_READY_result_are_reported_on_the_prompts_file_and_the_build_succeeds()
    {
        var welcome = Prompt("welcome");
        _engine.RewriteStatus = job => job with
        {
            Results = [.. job.Results.Select(r => r with { Warnings = [new CompileWarning("IVR1608", "limited"), null!, new CompileWarning("acme.loud", "too loud")] })],
        };

        var result = await RunAsync(Settings, welcome);

        Assert.True(result.Succeeded, string.Join("\n", _log.Diagnostics));
        Assert.Equal([("IVR1608", "Normalisation limited to avoid clipping"), ("IVR2103", "Warning from the media engine")],
            _log.Warnings.Select(w => (w.Code, w.Descriptor.Title)));
        Assert.All(_log.Warnings, w => Assert.Equal(welcome.Path, w.File));
        Assert.Contains("acme.loud", _log.Warnings.Last().Message, StringComparison.Ordinal);
        Assert.Empty(_log.Errors);
    }

    [Fact]
    public async Task The_target_level_is_sent_to_the_engine_as_a_compile_option()
    {
        var settings = SettingsParser.Parse(new RawBuildSettings { FlowId = "main-menu-flow", TargetSpeechLevel = "-22" }, [], _ => null).Settings!;

        await RunAsync(settings with { InitialPollInterval = TimeSpan.FromMilliseconds(1), QualityChecks = false }, Prompt("welcome"));

        Assert.Equal(-22, _engine.LastRequest!.Options!.TargetSpeechLevelDbov);
    }

    [Fact]
    public async Task Validate_only_builds_run_the_checks_too_and_turned_off_they_warn_nothing()
    {
        // 2.5 s of silence before a tone: leading silence over the 1.5 s limit (IVR1603), measured on the decoded audio.
        var samples = new float[4 * 8000];
        for (var i = (int)(2.5 * 8000); i < samples.Length; i++)
        {
            samples[i] = 0.1f * MathF.Sin(2 * MathF.PI * 440 * i / 8000);
        }
        var path = _temp.Combine("prompts", "late.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, MediaCompiler.TestSupport.WavWriter.Pcm16(samples, 8000));
        var late = new PromptInput(path, "late", 1, "alaw");

        var checkedRun = await RunAsync(Settings with { ValidateOnly = true, QualityChecks = true }, late);
        Assert.True(checkedRun.Succeeded);
        Assert.Equal([DiagnosticCatalog.QualityLeadingSilence.Code], _log.Warnings.Select(w => w.Code));
        Assert.Null(_engine.LastRequest); // validate-only: no request

        _log.Clear();
        await RunAsync(Settings with { ValidateOnly = true, QualityChecks = false }, late);
        Assert.Empty(_log.Warnings);
    }
}
