using System.Text.Json;

namespace MediaCompiler.Cli.Tests.Quality;

/// <summary>
/// Each quality warning of <c>validate</c> (IVR1601-IVR1607), triggered by a file made to break it and not by one made
/// to stay inside it; warnings never change the exit code. The signals are built from their definitions (a sine of
/// known RMS, seconds of zeros, runs of full-scale samples), not from the analyser's formulas.
/// </summary>
public sealed class QualityWarningTests : IDisposable
{
    private static readonly double AtTarget = Signals.SineAmplitudeFor(-26);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Quiet_speech_like_bursts_are_off_target_and_bursts_at_the_target_are_not()
    {
        // Gaussian bursts with RMS 0.005 are -46 dBov while active; RMS 0.05 is -26 dBov.
        var quiet = _temp.Pcm16("quiet.wav", Signals.NoiseBursts(rms: 0.005, seconds: 3));
        var fine = _temp.Pcm16("fine.wav", Signals.NoiseBursts(rms: 0.05, seconds: 3));

        Assert.Contains("IVR1601", CodesOf(quiet, "--no-normalize"));
        Assert.DoesNotContain("IVR1601", CodesOf(fine, "--no-normalize"));
        // By default the platform levels every prompt to the target (the build's IvrNormalizeVolume=true): the source's
        // level is no problem, and validate does not say it is (nor tell the user to turn on what is on).
        Assert.DoesNotContain("IVR1601", CodesOf(quiet));
    }

    [Fact]
    public void The_target_and_tolerance_options_move_the_speech_level_window()
    {
        var loud = _temp.Pcm16("loud.wav", Signals.Sine(Signals.SineAmplitudeFor(-16), seconds: 2));

        Assert.Contains("IVR1601", CodesOf(loud, "--no-normalize"));
        Assert.DoesNotContain("IVR1601", CodesOf(loud, "--no-normalize", "--target-level", "-18"));
        Assert.DoesNotContain("IVR1601", CodesOf(loud, "--no-normalize", "--level-tolerance", "12"));
    }

    [Fact]
    public void Runs_at_full_scale_are_clipping_and_a_clean_sine_is_not()
    {
        var clean = Signals.Sine(AtTarget, seconds: 2);
        var clipped = _temp.Pcm16("clipped.wav", Signals.WithClippedRuns(clean, runs: 5, length: 6));
        var fine = _temp.Pcm16("clean.wav", clean);

        Assert.Contains("IVR1602", CodesOf(clipped));
        Assert.DoesNotContain("IVR1602", CodesOf(fine));
        Assert.DoesNotContain("IVR1602", CodesOf(clipped, "--max-clipped-samples", "30"));
    }

    [Fact]
    public void Two_seconds_of_leading_silence_are_too_long_and_one_second_is_not()
    {
        var speech = Signals.Sine(AtTarget, seconds: 1);
        var late = _temp.Pcm16("late.wav", Signals.Silence(2).Then(speech));
        var prompt = _temp.Pcm16("prompt.wav", Signals.Silence(1).Then(speech));

        var run = Validate(late);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith($"{late}(1,1): warning IVR1603: ", StringComparison.Ordinal));
        Assert.DoesNotContain("IVR1603", CodesOf(prompt));
        Assert.DoesNotContain("IVR1603", CodesOf(late, "--max-leading-silence", "2.5"));
    }

    [Fact]
    public void Two_seconds_of_trailing_silence_are_too_long_and_one_second_is_not()
    {
        var speech = Signals.Sine(AtTarget, seconds: 1);
        var lingering = _temp.Pcm16("lingering.wav", speech.Then(Signals.Silence(2)));
        var prompt = _temp.Pcm16("prompt.wav", speech.Then(Signals.Silence(1)));

        Assert.Contains("IVR1604", CodesOf(lingering));
        Assert.DoesNotContain("IVR1604", CodesOf(prompt));
        Assert.DoesNotContain("IVR1604", CodesOf(lingering, "--max-trailing-silence", "2.5"));
    }

    [Fact]
    public void A_dc_offset_of_two_percent_is_reported_and_a_centred_sine_is_not()
    {
        // Mean 0.02 of full scale is 20·log10(0.02) = -34 dBFS, above the -40 dBFS limit.
        var offset = _temp.Pcm16("offset.wav", Signals.Sine(AtTarget, seconds: 2, offset: 0.02));
        var centred = _temp.Pcm16("centred.wav", Signals.Sine(AtTarget, seconds: 2));

        Assert.Contains("IVR1605", CodesOf(offset));
        Assert.DoesNotContain("IVR1605", CodesOf(centred));
    }

    [Fact]
    public void A_maximum_duration_is_off_by_default_and_reports_longer_prompts_when_set()
    {
        var path = _temp.Pcm16("long.wav", Signals.Sine(AtTarget, seconds: 3));

        Assert.DoesNotContain("IVR1606", CodesOf(path));
        Assert.Contains("IVR1606", CodesOf(path, "--max-duration", "2"));
        Assert.DoesNotContain("IVR1606", CodesOf(path, "--max-duration", "4"));
    }

    [Fact]
    public void Levels_ten_db_apart_are_one_spread_warning_on_the_louder_file_and_four_db_apart_are_none()
    {
        var loud = _temp.Pcm16("spread/loud.wav", Signals.Sine(Signals.SineAmplitudeFor(-21), seconds: 2));
        var soft = _temp.Pcm16("spread/soft.wav", Signals.Sine(Signals.SineAmplitudeFor(-31), seconds: 2));
        var near = _temp.Pcm16("near/a.wav", Signals.Sine(Signals.SineAmplitudeFor(-24), seconds: 2));
        var nearToo = _temp.Pcm16("near/b.wav", Signals.Sine(Signals.SineAmplitudeFor(-28), seconds: 2));

        var spread = Reports(Validate(loud, soft, "--json", "--no-normalize"));
        Assert.Equal(["IVR1607"], Codes(spread[loud]));
        Assert.DoesNotContain("IVR1607", Codes(spread[soft]));

        var close = Reports(Validate(near, nearToo, "--json", "--no-normalize"));
        Assert.DoesNotContain(close.Values, r => Codes(r).Contains("IVR1607"));
        Assert.DoesNotContain("IVR1607", Codes(Reports(Validate(loud, soft, "--json", "--no-normalize", "--max-level-spread", "12"))[loud]));
        // Levelled (the default), prompts end at one level: their sources' spread is nothing to report.
        Assert.DoesNotContain("IVR1607", Codes(Reports(Validate(loud, soft, "--json"))[loud]));
    }

    [Fact]
    public void A_lone_click_has_no_speech_to_measure_and_a_sine_has()
    {
        // One half-scale sample in a second of zeros: audible to the build's silence check (-6 dBFS), but 1/8000 of
        // the file is nothing a speech voltmeter can call speech.
        var samples = Signals.Silence(1);
        samples[4000] = 0.5;
        var click = _temp.Pcm16("click.wav", samples);
        var tone = _temp.Pcm16("tone.wav", Signals.Sine(AtTarget, seconds: 1));

        var report = Reports(Validate(click, "--json", "--no-normalize"))[click];
        Assert.Contains("IVR1609", Codes(report));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("loudness").GetProperty("activeSpeechLevelDbov").ValueKind);
        Assert.DoesNotContain("IVR1609", CodesOf(tone, "--no-normalize"));
    }

    [Fact]
    public void No_quality_skips_the_warnings_and_the_loudness()
    {
        var quiet = _temp.Pcm16("quiet.wav", Signals.Silence(2).Then(Signals.Sine(0.002, seconds: 1)));

        var report = Reports(Validate(quiet, "--json", "--no-quality"))[quiet];

        Assert.Empty(Codes(report));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("loudness").ValueKind);
    }

    [Fact]
    public void Quality_warnings_are_sarif_warnings_with_their_rule()
    {
        var late = _temp.Pcm16("late.wav", Signals.Silence(2).Then(Signals.Sine(AtTarget, seconds: 1)));
        var sarifPath = _temp.PathOf("out.sarif");

        var run = Validate(late, "--sarif", sarifPath);

        Assert.Equal(0, run.ExitCode);
        var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath)).RootElement.GetProperty("runs")[0];
        var result = Assert.Single(sarif.GetProperty("results").EnumerateArray());
        Assert.Equal("IVR1603", result.GetProperty("ruleId").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        var rule = sarif.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.Equal("IVR1603", rule.GetProperty("id").GetString());
        Assert.Equal("warning", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("--level-tolerance", "NaN")]
    [InlineData("--max-leading-silence", "-1")]
    [InlineData("--target-level", "Infinity")]
    [InlineData("--max-clipped-samples", "-5")]
    [InlineData("--max-duration", "0")]
    public void A_threshold_that_means_nothing_is_a_usage_error(string option, string value)
    {
        var path = _temp.Wav("prompt.wav");

        var run = Validate(path, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error);
    }

    private static CliRun Validate(params string[] args) => CliRun.Of(["validate", .. args]);

    private static List<string> CodesOf(string path, params string[] options) =>
        Codes(Reports(Validate([path, "--json", .. options]))[path]);

    internal static Dictionary<string, JsonElement> Reports(CliRun run) =>
        JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!, r => r.Clone());

    internal static List<string> Codes(JsonElement report) =>
        report.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();
}
