using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// Proves that the fixtures compared with the reference decoders really use the coding tools they are meant to
/// cover, so that a passing comparison says something about each tool.
/// </summary>
public class AacToolCoverageTests
{
    [Fact]
    public void Clicks_switch_to_short_and_transition_windows() =>
        Assert.All(new[] { "clicks_16k_mono", "castanets_44k_mono" }, name =>
        {
            var usage = Usage(name);
            Assert.True(usage.ShortWindowBlocks > 0, $"{name}: no eight-short-window block");
            Assert.True(usage.TransitionWindowBlocks > 0, $"{name}: no start/stop window");
        });

    [Fact]
    public void Speech_fixtures_use_TNS_and_both_window_shapes()
    {
        var usage = Usage("speech_48k_mono");

        Assert.True(usage.TnsFilters > 0);
        Assert.True(usage.KbdWindowBlocks > 0);
        Assert.True(usage.KbdWindowBlocks < usage.LongWindowBlocks + usage.ShortWindowBlocks + usage.TransitionWindowBlocks);
    }

    [Fact]
    public void Stereo_tones_use_mid_side() => Assert.True(Usage("tones_44k_stereo_ms").MidSideBands > 0);

    [Fact]
    public void Panned_chord_uses_intensity_stereo() => Assert.True(Usage("chord_44k_stereo_is").IntensityBands > 0);

    [Fact]
    public void Noise_uses_perceptual_noise_substitution() => Assert.True(Usage("noise_44k_mono_pns").NoiseBands > 0);

    [Fact]
    public void Stereo_noise_uses_noise_substitution_with_mid_side()
    {
        var usage = Usage("noise_44k_stereo_pns_ms");

        Assert.True(usage.NoiseBands > 0);
        Assert.True(usage.MidSideBands > 0);
    }

    private static AacToolUsage Usage(string name)
    {
        var usage = new AacToolUsage();
        var result = AdtsAacDecoder.Decode(AacFixtures.Stream(name), usage);
        Assert.Null(result.Error);
        return usage;
    }
}
