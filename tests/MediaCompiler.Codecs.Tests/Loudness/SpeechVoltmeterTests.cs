using MediaCompiler.Codecs.Loudness;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Loudness;

/// <summary>
/// The C# P.56 voltmeter against the values the G.191 sv-p56.c transcription in C (build/reference/sv-p56-ref.c)
/// recorded for the same files (build/record-p56-references.sh), and against the definition of dBov.
/// </summary>
public sealed class SpeechVoltmeterTests(ITestOutputHelper output)
{
    public static TheoryData<string> ReferenceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var reference in SpeechFixtureFiles.P56References())
        {
            data.Add(reference.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Agrees_with_the_STL_reference_within_a_tenth_of_a_dB(string file)
    {
        var reference = SpeechFixtureFiles.P56References().Single(r => r.File == file);
        var (samples, rate) = SpeechFixtureFiles.ReadWav(file);

        var level = SpeechVoltmeter.Measure(samples, rate);

        output.WriteLine($"{file}: ours {level.ActiveSpeechLevelDbov:0.0000} dBov, activity {level.ActivityFactor:0.000000}; reference {reference.LevelDbov} dBov, {reference.ActivityFactor}");
        Assert.Equal((reference.SampleRate, reference.Samples), (rate, samples.LongLength));
        Assert.NotNull(level.ActiveSpeechLevelDbov);
        Assert.InRange(level.ActiveSpeechLevelDbov.Value, reference.LevelDbov - 0.1, reference.LevelDbov + 0.1);
        Assert.InRange(level.ActivityFactor, reference.ActivityFactor - 0.005, reference.ActivityFactor + 0.005);
        Assert.InRange(level.LongTermLevelDbov!.Value, reference.LongTermDbov - 0.01, reference.LongTermDbov + 0.01);
    }

    [Fact]
    public void A_full_scale_square_wave_is_0_dBov_and_fully_active()
    {
        // The definition of the dBov scale: 0 dBov is the RMS of a full-scale square wave.
        var square = Enumerable.Range(0, 16000).Select(i => (i / 20) % 2 == 0 ? 1f : -1f).ToArray();

        var level = SpeechVoltmeter.Measure(square, 8000);

        Assert.InRange(level.LongTermLevelDbov!.Value, -0.001, 0.001);
        // The STL interpolation stops within 0.5 dB of the margin crossing, and the first 30 ms are not yet active.
        Assert.InRange(level.ActiveSpeechLevelDbov!.Value, -0.5, 0.5);
        Assert.InRange(level.ActivityFactor, 0.97, 1.0);
    }

    [Fact]
    public void Halving_the_amplitude_lowers_the_level_by_6_dB()
    {
        var (samples, rate) = SpeechFixtureFiles.ReadWav("menu_16k.wav");
        var half = samples.Select(s => s / 2).ToArray();

        double full = SpeechVoltmeter.Measure(samples, rate).ActiveSpeechLevelDbov!.Value;
        double halved = SpeechVoltmeter.Measure(half, rate).ActiveSpeechLevelDbov!.Value;

        Assert.InRange(full - halved, 6.02 - 0.3, 6.02 + 0.3);
    }

    [Fact]
    public void Digital_silence_and_an_empty_signal_have_no_speech_level()
    {
        Assert.Null(SpeechVoltmeter.Measure(new float[8000], 8000).ActiveSpeechLevelDbov);
        Assert.Null(SpeechVoltmeter.Measure([], 8000).ActiveSpeechLevelDbov);
    }

    [Fact]
    public void Block_by_block_feeding_gives_the_whole_signals_result()
    {
        var (samples, rate) = SpeechFixtureFiles.ReadWav("hold_8k.wav");
        var meter = new SpeechVoltmeter(rate);
        for (int start = 0; start < samples.Length; start += 256)
        {
            meter.Add(samples.AsSpan(start, Math.Min(256, samples.Length - start)));
        }

        Assert.Equal(SpeechVoltmeter.Measure(samples, rate), meter.Result());
    }
}
