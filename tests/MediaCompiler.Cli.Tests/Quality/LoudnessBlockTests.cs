using System.Text.Json;

namespace MediaCompiler.Cli.Tests.Quality;

/// <summary>
/// The loudness block of <c>probe --json</c> and <c>validate --json</c> against values known from the definitions:
/// 0 dBov is the RMS of a full-scale square wave (ITU-T P.56 as the G.191 STL states it), a steady sine of peak A is
/// 20·log10(A/√2) dBov when fully active, its peak 20·log10(A) dBFS, and digital silence has no level and no peak.
/// </summary>
public sealed class LoudnessBlockTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_full_scale_square_wave_is_0_dbov_and_peaks_at_0_dbfs()
    {
        var path = _temp.Pcm16("square.wav", Signals.Square(seconds: 3));

        var loudness = Loudness(path);

        Assert.InRange(loudness.GetProperty("activeSpeechLevelDbov").GetDouble(), -0.1, 0.1);
        Assert.InRange(loudness.GetProperty("peakDbfs").GetDouble(), -0.01, 0.0);
        Assert.InRange(loudness.GetProperty("activityPercent").GetDouble(), 95, 100);
    }

    [Theory]
    [InlineData(0.5, 8000)]
    [InlineData(0.1, 8000)]
    [InlineData(0.02, 16000)]
    public void A_steady_sine_is_its_rms_in_dbov_and_its_amplitude_in_dbfs(double amplitude, int sampleRate)
    {
        var path = _temp.Pcm16($"sine_{amplitude}_{sampleRate}.wav", Signals.Sine(amplitude, seconds: 4, sampleRate));

        var loudness = Loudness(path);

        Assert.InRange(loudness.GetProperty("activeSpeechLevelDbov").GetDouble(), Db(amplitude / Math.Sqrt(2)) - 0.1, Db(amplitude / Math.Sqrt(2)) + 0.1);
        Assert.InRange(loudness.GetProperty("peakDbfs").GetDouble(), Db(amplitude) - 0.05, Db(amplitude) + 0.05);
        Assert.Equal(0, loudness.GetProperty("clippedSamples").GetInt64());
        Assert.Equal(0, loudness.GetProperty("leadingSilenceSeconds").GetDouble(), precision: 2);
    }

    [Fact]
    public void Silence_around_a_sine_is_measured_in_seconds_and_clipped_runs_in_samples()
    {
        var samples = Signals.Silence(2).Then(Signals.WithClippedRuns(Signals.Sine(0.1, seconds: 1), runs: 4, length: 5)).Then(Signals.Silence(0.5));
        var path = _temp.Pcm16("framed.wav", samples);

        var loudness = Loudness(path);

        Assert.InRange(loudness.GetProperty("leadingSilenceSeconds").GetDouble(), 1.99, 2.01);
        Assert.InRange(loudness.GetProperty("trailingSilenceSeconds").GetDouble(), 0.49, 0.51);
        Assert.Equal(20, loudness.GetProperty("clippedSamples").GetInt64());
    }

    [Fact]
    public void Digital_silence_has_no_level_and_no_peak_and_is_the_builds_silent_audio_error()
    {
        var path = _temp.Pcm16("silent.wav", Signals.Silence(1));

        var probe = CliRun.Of("probe", "--json", path);

        Assert.Equal(1, probe.ExitCode);
        var report = JsonDocument.Parse(probe.Output).RootElement;
        var loudness = report.GetProperty("loudness");
        Assert.Equal(JsonValueKind.Null, loudness.GetProperty("activeSpeechLevelDbov").ValueKind);
        Assert.Equal(JsonValueKind.Null, loudness.GetProperty("activityPercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, loudness.GetProperty("peakDbfs").ValueKind);
        // The build rejects it (IVR3005) and stops there: no quality warnings on top.
        Assert.Equal(["IVR3005"], QualityWarningTests.Codes(report));
    }

    [Fact]
    public void A_tone_above_4_khz_is_silent_on_the_phone_as_the_build_measures_it_with_and_without_quality()
    {
        // 6 kHz at 16 kHz sampling: loud in the file, gone after the build's resampling to 8 kHz (stop band ≥ 90 dB).
        // Faded in and out so that no click at either end spreads energy below 4 kHz.
        var path = _temp.Pcm16("whistle.wav", Signals.Faded(Signals.Sine(0.5, seconds: 1, sampleRate: 16000, hertz: 6000), 1600), sampleRate: 16000);

        Assert.Equal(["IVR3005"], QualityWarningTests.Codes(QualityWarningTests.Reports(CliRun.Of("validate", "--json", path))[path]));
        Assert.Equal(["IVR3005"], QualityWarningTests.Codes(QualityWarningTests.Reports(CliRun.Of("validate", "--json", "--no-quality", path))[path]));
    }

    [Fact]
    public void An_undecodable_file_has_a_null_loudness_block()
    {
        var path = _temp.Bytes("noise.wav", [.. "not audio at all, only text"u8]);

        var report = JsonDocument.Parse(CliRun.Of("probe", "--json", path).Output).RootElement;

        Assert.Equal(JsonValueKind.Null, report.GetProperty("loudness").ValueKind);
    }

    [Fact]
    public void Probe_text_shows_the_loudness_rows()
    {
        var path = _temp.Pcm16("late.wav", Signals.Silence(2).Then(Signals.Sine(0.5, seconds: 2)));

        var run = CliRun.Of("probe", path);

        Assert.Contains(run.OutputLines, l => l.Contains("Speech level (P.56)") && l.Contains("dBov"));
        Assert.Contains(run.OutputLines, l => l.Contains("Leading silence") && l.Contains("2.00 s"));
        Assert.Contains(run.OutputLines, l => l.Contains("Peak") && l.Contains("-6.0 dBFS"));
        Assert.Contains(run.OutputLines, l => l.StartsWith($"{path}(1,1): warning IVR1603: ", StringComparison.Ordinal));
    }

    private static double Db(double ratio) => 20 * Math.Log10(ratio);

    private static JsonElement Loudness(string path)
    {
        var probe = CliRun.Of("probe", "--json", path);
        var loudness = JsonDocument.Parse(probe.Output).RootElement.GetProperty("loudness");
        Assert.Equal(JsonValueKind.Object, loudness.ValueKind);
        return loudness.Clone();
    }
}
