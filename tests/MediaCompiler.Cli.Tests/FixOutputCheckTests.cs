namespace MediaCompiler.Cli.Tests;

/// <summary>
/// <c>fix</c> checks its own output before it says "fixed": a result a phone would play as silence is refused with
/// the reason, and nothing is written (no output, no .bak).
/// </summary>
public sealed class FixOutputCheckTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_prompt_whose_only_sound_is_above_the_telephone_band_is_not_fixable_and_nothing_is_written()
    {
        // 44.1 kHz (refused for its rate), audible, but only as a 12 kHz tone (faded in and out, so no click carries
        // energy into the band a phone keeps): resampled for a phone, nothing is left.
        var samples = Enumerable.Range(0, 44100)
            .Select(i => 0.5 * Math.Sin(2 * Math.PI * 12_000 * i / 44100.0) * (0.5 - (0.5 * Math.Cos(2 * Math.PI * i / 44100.0))))
            .ToArray();
        var path = _temp.Pcm16("whistle.wav", samples, sampleRate: 44100);
        var before = File.ReadAllBytes(path);

        var run = CliRun.Of("fix", path, "--in-place");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("IVR1204", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("1 fixed", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".bak"));
    }
}
