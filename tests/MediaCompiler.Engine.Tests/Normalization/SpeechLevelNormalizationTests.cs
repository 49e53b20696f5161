using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Engine.Tests.Normalization;

/// <summary>
/// normalizeVolume brings the P.56 active speech level of compiled prompts to the target, measured on the G.711 output
/// the phone plays, and never clips: peaks that the gain would push past the ceiling are limited or the gain reduced,
/// with a warning that says which.
/// </summary>
public sealed class SpeechLevelNormalizationTests(ITestOutputHelper output)
{
    public static TheoryData<string, double> Prompts() => new()
    {
        { "menu_8k.wav", -26 },
        { "menu_16k.wav", -26 },
        { "hold_8k.wav", -26 },     // 15 dB too quiet
        { "hold_16k.wav", -26 },    // 3 dB too loud
        { "menu_16k_lame.mp3", -26 },
        { "menu_16k.opus", -26 },
        { "hold_16k.wav", -20 },    // another target
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task Compiled_prompts_land_within_half_a_dB_of_the_target(string name, double target)
    {
        var compiler = new AssetCompiler(ffmpegPath: null, TimeSpan.FromMinutes(1), target);

        var compiled = await compiler.CompileAsync(SpeechFixtures.Bytes(name), name, G711Law.ALaw, normalizeVolume: true, stripMetadata: true, CancellationToken.None);

        var played = G711.Decode(TestWav.Parse(compiled.Wav!).Data, G711Law.ALaw).Select(Pcm16.ToFloat).ToArray();
        var level = SpeechVoltmeter.Measure(played, 8000).ActiveSpeechLevelDbov!.Value;
        output.WriteLine($"{name}: {level:0.00} dBov (target {target}), peak {SpeechLevelNormalizer.PeakDbfs(played):0.0} dBFS; warnings: {string.Join(", ", compiled.Warnings.Select(w => w.Code))}");
        Assert.InRange(level, target - 0.5, target + 0.5);
        Assert.Empty(compiled.Warnings);
    }

    [Fact]
    public void Peaks_the_gain_would_push_past_full_scale_are_limited_and_the_level_still_reaches_the_target()
    {
        // Quiet speech with a few loud clicks: the gain to -26 dBov would put the clicks 3 dB over full scale.
        var samples = Load("hold_8k.wav");
        double gain = -26 - SpeechVoltmeter.Measure(samples, 8000).ActiveSpeechLevelDbov!.Value;
        float click = (float)Math.Pow(10, (3 - gain) / 20);
        foreach (int at in new[] { 4000, 12000, 20000 })
        {
            samples[at] = click;
            samples[at + 1] = -click;
        }

        var outcome = SpeechLevelNormalizer.Normalize(samples, 8000);

        output.WriteLine(outcome.ToString());
        Assert.Equal(NormalizationAction.Limited, outcome.Action);
        Assert.InRange(SpeechLevelNormalizer.PeakDbfs(samples), -1.01, -1.0 + 1e-6 + 0.0);
        Assert.InRange(SpeechVoltmeter.Measure(samples, 8000).ActiveSpeechLevelDbov!.Value, -26.5, -25.5);
        var warning = outcome.ToWarning("clicks.wav")!;
        Assert.Equal("IVR1608", warning.Code);
        Assert.Contains("soft limiter", warning.Message);
    }

    [Fact]
    public void A_prompt_that_would_need_more_limiting_than_is_inaudible_gets_a_smaller_gain_and_says_so()
    {
        // The clicks would end 12 dB over full scale: the gain is reduced so the limiter takes at most 6 dB.
        var samples = Load("hold_8k.wav");
        double gain = -26 - SpeechVoltmeter.Measure(samples, 8000).ActiveSpeechLevelDbov!.Value;
        samples[9000] = (float)Math.Pow(10, (12 - gain) / 20);

        var outcome = SpeechLevelNormalizer.Normalize(samples, 8000);

        Assert.Equal(NormalizationAction.ReducedGain, outcome.Action);
        Assert.True(SpeechLevelNormalizer.PeakDbfs(samples) <= -1.0 + 1e-4, $"peak {SpeechLevelNormalizer.PeakDbfs(samples)}");
        Assert.InRange(outcome.LimiterReductionDb, 5.5, 6.01);
        Assert.InRange(outcome.LevelAfterDbov!.Value, -26 - 7.5, -26 - 6.5); // 13 dB over the ceiling, 6 limited: ~7 dB short
        var warning = outcome.ToWarning("spike.wav")!;
        Assert.Equal("IVR1608", warning.Code);
        Assert.Contains("gain was reduced", warning.Message);
    }

    [Fact]
    public void Without_speech_nothing_is_changed_and_IVR1609_says_why()
    {
        // A hum at -80 dBFS: its level is within P.56's 15.9 dB margin of the lowest threshold (2^-15), so no speech.
        var hum = Enumerable.Range(0, 8000).Select(i => (float)(0.0001 * Math.Sin(2 * Math.PI * 50 * i / 8000))).ToArray();
        var copy = hum.ToArray();

        var outcome = SpeechLevelNormalizer.Normalize(hum, 8000);

        Assert.Equal(NormalizationAction.NoSpeech, outcome.Action);
        Assert.Equal(copy, hum);
        Assert.Equal("IVR1609", outcome.ToWarning("hum.wav")!.Code);
    }

    private static float[] Load(string name) =>
        PromptDecoder.Decode(SpeechFixtures.Bytes(name), name, SpeechFixtures.Probe(name)).Audio!.Samples;
}
