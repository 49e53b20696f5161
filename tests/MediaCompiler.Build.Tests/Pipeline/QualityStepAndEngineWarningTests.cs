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
        InitialPollInterval = TimeSpan.FromMilliseconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private PromptInput Prompt(string name) => new(TestAudio.WriteTone(_temp.Combine("prompts", name + ".wav"), 440, seconds: 1), name, 1, "alaw");

    private Task<PipelineResult> RunAsync(PipelineSettings settings, IPromptSampleDecoder? decoder, params PromptInput[] prompts) =>
        new PromptPipeline(settings, _log, sampleDecoder: decoder).RunAsync(prompts, () => _engine, CancellationToken.None);

    [Fact]
    public async Task Warnings_on_a_READY_result_are_reported_on_the_prompts_file_and_the_build_succeeds()
    {
        var welcome = Prompt("welcome");
        _engine.RewriteStatus = job => job with
        {
            Results = [.. job.Results.Select(r => r with { Warnings = [new CompileWarning("IVR1608", "limited"), null!, new CompileWarning("acme.loud", "too loud")] })],
        };

        var result = await RunAsync(Settings, null, welcome);

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

        await RunAsync(settings with { InitialPollInterval = TimeSpan.FromMilliseconds(1) }, null, Prompt("welcome"));

        Assert.Equal(-22, _engine.LastRequest!.Options!.TargetSpeechLevelDbov);
    }

    [Fact]
    public async Task A_prompt_the_decoder_cannot_read_is_skipped_with_a_message_not_a_warning()
    {
        var decoder = new ScriptedDecoder(_ => new PromptSamples.NotDecoded("IVR3121: no in-process decoder"));

        var result = await RunAsync(Settings with { ValidateOnly = true }, decoder, Prompt("welcome"));

        Assert.True(result.Succeeded);
        Assert.Empty(_log.Diagnostics);
        Assert.Contains(_log.Messages, m => m.Contains("quality checks skipped", StringComparison.Ordinal) && m.Contains("IVR3121", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_only_builds_run_the_checks_too_and_turned_off_they_decode_nothing()
    {
        var late = new float[3 * 8000];
        late[^1] = 0.5f; // silence until the very end
        var decoder = new ScriptedDecoder(_ => new PromptSamples.Decoded(late, 8000));

        await RunAsync(Settings with { ValidateOnly = true }, decoder, Prompt("welcome"));
        Assert.Contains(_log.Warnings, w => w.Code == DiagnosticCatalog.QualityLeadingSilence.Code);
        Assert.Equal(1, decoder.Calls);

        await RunAsync(Settings with { ValidateOnly = true, QualityChecks = false }, decoder, Prompt("welcome"));
        Assert.Equal(1, decoder.Calls);
    }

    private sealed class ScriptedDecoder(Func<ValidatedPrompt, PromptSamples> answer) : IPromptSampleDecoder
    {
        private int _calls;

        public int Calls => _calls;

        public PromptSamples Decode(ValidatedPrompt prompt, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return answer(prompt);
        }
    }
}
