using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Tests.Loudness;

public sealed class SignalStatisticsTests
{
    private const int Rate = 8000;

    private static float[] Tone(double seconds, double amplitude) =>
        Enumerable.Range(0, (int)(seconds * Rate)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * 440 * i / Rate))).ToArray();

    [Fact]
    public void Leading_and_trailing_silence_are_measured_to_the_first_and_last_audible_sample()
    {
        // 1.0 s of silence, then a tone whose first sample is 0 (sin 0) and second audible, then 2.0 s of silence.
        float[] signal = [.. new float[Rate], .. Tone(0.5, 0.5), .. new float[2 * Rate]];

        var stats = SignalStatistics.Measure(signal, Rate);

        Assert.InRange(stats.LeadingSilenceSeconds, 1.0, 1.0 + (2.0 / Rate));
        Assert.InRange(stats.TrailingSilenceSeconds, 2.0, 2.0 + (2.0 / Rate));
        Assert.Equal(3.5, stats.DurationSeconds, 6);
    }

    [Fact]
    public void Only_runs_of_full_scale_samples_count_as_clipping()
    {
        // A sine at twice full scale, clipped: every half period holds one run of full-scale samples.
        var clipped = Tone(0.1, 2.0).Select(s => Math.Clamp(s, -1f, 32767f / 32768f)).ToArray();
        var single = Tone(0.1, 0.5);
        single[100] = 1f;

        var heavy = SignalStatistics.Measure(clipped, Rate);
        var one = SignalStatistics.Measure(single, Rate);

        Assert.Equal(88, heavy.ClippedRuns); // 44 periods of 440 Hz in 0.1 s, two runs each
        Assert.True(heavy.ClippedSamples > 3 * heavy.ClippedRuns);
        Assert.Equal((0, 0L), (one.ClippedRuns, one.ClippedSamples));
        Assert.Equal(0.0, one.PeakDbfs, 6);
    }

    [Fact]
    public void The_DC_offset_is_the_mean_sample_value()
    {
        var shifted = Tone(1.0, 0.3).Select(s => s + 0.01f).ToArray();

        var stats = SignalStatistics.Measure(shifted, Rate);

        Assert.Equal(0.01, stats.DcOffset, 4);
        Assert.Equal(-40.0, stats.DcOffsetDbfs, 1);
    }
}
