using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Contract;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Engine.Tests.Normalization;

/// <summary>
/// Through the engine's job API, as a build uses it: normalizeVolume brings the output to the request's
/// targetSpeechLevelDbov (or the engine's -26 dBov), measured with our P.56 meter on the output as NAudio's G.711
/// decoder plays it; what compiling had to do comes back as warnings on the READY result.
/// </summary>
public sealed class CompileJobSpeechLevelTests(ITestOutputHelper output) : IDisposable
{
    private readonly MediaEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("hold_8k.wav", null, -26.0)]    // 15 dB too quiet as recorded
    [InlineData("hold_16k.wav", null, -26.0)]   // 3 dB too loud
    [InlineData("menu_16k.ogg", null, -26.0)]  // Ogg Vorbis
    [InlineData("hold_16k.wav", -20.0, -20.0)]  // the request's own target
    [InlineData("menu_16k.wav", -30.0, -30.0)]
    public async Task The_output_measures_the_target_within_half_a_dB(string name, double? requested, double expected)
    {
        var asset = _engine.Upload(name, SpeechFixtures.Bytes(name));
        var request = EngineFixture.Request("ulaw", (asset.Id, "prompt")) with { Options = new CompileOptions { TargetSpeechLevelDbov = requested } };

        var job = await _engine.CompileAsync(request);

        var result = Assert.Single(job.Results);
        Assert.Equal(CompileResultStates.Ready, result.Status);
        var played = EngineFixture.DecodeG711Wav(_engine.GetDownload(result.DownloadUri!)!, out _);
        var level = SpeechVoltmeter.Measure(played, 8000).ActiveSpeechLevelDbov!.Value;
        output.WriteLine($"{name}, target {expected}: {level:0.00} dBov");
        Assert.InRange(level, expected - 0.5, expected + 0.5);
        Assert.Null(result.Warnings);
    }

    [Fact]
    public async Task A_prompt_whose_peaks_limit_the_gain_is_READY_with_an_IVR1608_warning_on_its_result()
    {
        // A quiet tone (-43 dBov) with one click at 0.9: the 17 dB of gain would put the click 16 dB over full scale.
        var samples = Tones.Sine(440, 1.0, 8000, amplitude: 0.01 * 32767).Select(s => s / 32768f).ToArray();
        samples[4000] = 0.9f;
        var asset = _engine.Upload("click.wav", WavWriter.Pcm16(samples, 8000));

        var job = await _engine.CompileAsync(EngineFixture.Request("alaw", (asset.Id, "click")));

        var result = Assert.Single(job.Results);
        Assert.Equal(CompileResultStates.Ready, result.Status);
        var warning = Assert.Single(result.Warnings!);
        Assert.Equal("IVR1608", warning.Code);
        Assert.Contains("click.wav", warning.Message, StringComparison.Ordinal);
        Assert.Contains("gain was reduced", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_normalisation_no_level_warning_is_given()
    {
        var samples = Tones.Sine(440, 1.0, 8000, amplitude: 0.01 * 32767).Select(s => s / 32768f).ToArray();
        samples[4000] = 0.9f;
        var asset = _engine.Upload("click.wav", WavWriter.Pcm16(samples, 8000));

        var job = await _engine.CompileAsync(EngineFixture.Request("alaw", (asset.Id, "click")) with { Options = new CompileOptions { NormalizeVolume = false } });

        Assert.Null(Assert.Single(job.Results).Warnings);
    }

    [Theory]
    [InlineData(-70.0)]
    [InlineData(3.0)]
    public void A_target_outside_minus_60_to_0_is_rejected_with_IVR2070_naming_the_field(double target)
    {
        var asset = _engine.Upload("hold_8k.wav", SpeechFixtures.Bytes("hold_8k.wav"));
        var request = EngineFixture.Request("ulaw", (asset.Id, "prompt")) with { Options = new CompileOptions { TargetSpeechLevelDbov = target } };

        var rejection = _engine.SubmitCompilation(request).Rejection;

        var detail = Assert.Single(rejection!.Details);
        Assert.Equal("options.targetSpeechLevelDbov", detail.Field);
        Assert.Equal("IVR2070", detail.Code);
    }
}
