using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Tests.Loudness;

/// <summary>Every quality check, triggered and not triggered, on the speech fixtures and on signals built around them.</summary>
public sealed class PromptQualityAnalyzerTests
{
    private static readonly QualityThresholds Defaults = new();

    private static (float[] Samples, int Rate) Menu() => SpeechFixtureFiles.ReadWav("menu_8k.wav");

    private static IReadOnlyList<string> Codes(float[] samples, int rate, QualityThresholds? thresholds = null) =>
        PromptQualityAnalyzer.Analyze(samples, rate, thresholds ?? Defaults, "prompt.wav").Select(d => d.Code).ToList();

    [Fact]
    public void A_clean_prompt_near_the_target_raises_nothing()
    {
        var (samples, rate) = Menu(); // -31.5 dBov: within 6 dB of -26

        Assert.Empty(Codes(samples, rate));
    }

    [Fact]
    public void A_level_more_than_6_dB_off_target_is_IVR1601_with_the_measured_level()
    {
        var (samples, rate) = SpeechFixtureFiles.ReadWav("hold_8k.wav"); // -41.2 dBov

        var warning = Assert.Single(PromptQualityAnalyzer.Analyze(samples, rate, Defaults, "hold.wav"));

        Assert.Equal("IVR1601", warning.Code);
        Assert.Contains("-41.2 dBov", warning.Message);
        Assert.Contains("-15.2 dB", warning.Message);
        Assert.Empty(Codes(samples, rate, Defaults with { TargetSpeechLevelDbov = -40 }));
    }

    [Fact]
    public void Runs_of_full_scale_samples_are_IVR1602_and_a_single_full_scale_peak_is_not()
    {
        var (samples, rate) = Menu();
        var single = samples.ToArray();
        single[1000] = 1f;
        var clipped = samples.ToArray();
        clipped.AsSpan(2000, 5).Fill(1f);
        clipped.AsSpan(9000, 4).Fill(-1f);

        Assert.DoesNotContain("IVR1602", Codes(single, rate));
        var warning = PromptQualityAnalyzer.Analyze(clipped, rate, Defaults, "loud.wav").Single(d => d.Code == "IVR1602");
        Assert.Contains("9 clipped sample(s) in 2 run(s)", warning.Message);
        Assert.DoesNotContain("IVR1602", Codes(clipped, rate, Defaults with { MaxClippedSamples = 9 }));
    }

    [Fact]
    public void Leading_and_trailing_silence_over_1_5_s_are_IVR1603_and_IVR1604()
    {
        var (samples, rate) = Menu();
        // The fixture itself starts and ends within a fraction of a second of speech.
        float[] padded = [.. new float[2 * rate], .. samples, .. new float[(int)(1.8 * rate)]];
        float[] slightly = [.. new float[rate], .. samples, .. new float[rate]];

        var codes = Codes(padded, rate);
        Assert.Contains("IVR1603", codes);
        Assert.Contains("IVR1604", codes);
        Assert.DoesNotContain("IVR1603", Codes(slightly, rate));
        Assert.DoesNotContain("IVR1604", Codes(slightly, rate));
    }

    [Fact]
    public void A_DC_offset_above_minus_40_dBFS_is_IVR1605()
    {
        var (samples, rate) = Menu();
        var offset = samples.Select(s => s + 0.02f).ToArray(); // -34 dBFS
        var small = samples.Select(s => s + 0.002f).ToArray(); // -54 dBFS

        var warning = PromptQualityAnalyzer.Analyze(offset, rate, Defaults, "hum.wav").Single(d => d.Code == "IVR1605");
        Assert.Contains("mean sample value 0.020", warning.Message);
        Assert.DoesNotContain("IVR1605", Codes(small, rate));
    }

    [Fact]
    public void Duration_is_checked_only_when_a_maximum_is_set()
    {
        var (samples, rate) = Menu(); // 6.0 s

        Assert.DoesNotContain("IVR1606", Codes(samples, rate));
        Assert.Contains("IVR1606", Codes(samples, rate, Defaults with { MaxDurationSeconds = 5 }));
        Assert.DoesNotContain("IVR1606", Codes(samples, rate, Defaults with { MaxDurationSeconds = 7 }));
    }

    [Fact]
    public void A_signal_without_speech_is_IVR1609()
    {
        var hum = Enumerable.Range(0, 8000).Select(i => (float)(0.0001 * Math.Sin(2 * Math.PI * 50 * i / 8000))).ToArray();

        Assert.Contains("IVR1609", Codes(hum, 8000));
        Assert.DoesNotContain("IVR1609", Codes(Menu().Samples, 8000));
    }

    [Fact]
    public void Prompts_whose_levels_differ_by_more_than_6_dB_are_IVR1607_naming_the_extremes()
    {
        double Level(string file)
        {
            var (samples, rate) = SpeechFixtureFiles.ReadWav(file);
            return SpeechVoltmeter.Measure(samples, rate).ActiveSpeechLevelDbov!.Value;
        }

        var close = new (string, double?)[] { ("menu_8k.wav", Level("menu_8k.wav")), ("menu_16k.wav", Level("menu_16k.wav")), ("silent.wav", null) };
        var apart = new (string, double?)[] { ("menu_8k.wav", Level("menu_8k.wav")), ("hold_8k.wav", Level("hold_8k.wav")), ("hold_16k.wav", Level("hold_16k.wav")) };

        Assert.Empty(PromptQualityAnalyzer.CheckLevelSpread(close, Defaults));
        var warning = Assert.Single(PromptQualityAnalyzer.CheckLevelSpread(apart, Defaults));
        Assert.Equal("IVR1607", warning.Code);
        Assert.Contains("18.0 dB", warning.Message); // -23.2 (hold_16k) vs -41.2 (hold_8k)
        Assert.Contains("hold_16k.wav", warning.Message);
        Assert.Contains("hold_8k.wav", warning.Message);
    }
}
