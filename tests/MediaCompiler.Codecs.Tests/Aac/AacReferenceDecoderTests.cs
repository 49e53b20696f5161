using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// The managed decoder against two independent reference decoders, ffmpeg's and FAAD2's, sample by sample after
/// alignment: at least 40 dB SNR on every channel of every fixture (the bar).
/// </summary>
public class AacReferenceDecoderTests
{
    private const double RequiredSnrDb = 40;
    private const int MaxLag = 2100;   // FAAD2 drops the first frame (1024) and adds its QMF delay at low rates

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        string[] names =
        [
            "speech_8k_mono", "speech_16k_mono", "clicks_16k_mono", "speech_22k_mono", "speech_32k_mono",
            "speech_48k_mono", "castanets_44k_mono", "tones_44k_stereo_ms", "chord_44k_stereo_is",
        ];
        foreach (var name in names)
        {
            data.Add(name, "ffmpeg");
            data.Add(name, "faad");
        }

        // Noise substitution is random: only ffmpeg's decoder, whose generator this decoder shares, can match it.
        data.Add("noise_44k_mono_pns", "ffmpeg");
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decodes_within_40_dB_of_the_reference_decoder(string name, string decoder)
    {
        var result = AdtsAacDecoder.Decode(AacFixtures.Stream(name), name + ".aac");

        Assert.Null(result.Error);
        var audio = result.Audio!;
        var reference = AacFixtures.Reference(name, decoder);
        for (var channel = 0; channel < audio.Channels; channel++)
        {
            var ours = SignalComparison.Channel(audio.Samples, audio.Channels, channel);
            var theirs = SignalComparison.Channel(reference, audio.Channels, channel);
            var lag = SignalComparison.BestLag(ours, theirs, MaxLag);
            var snr = SignalComparison.SnrDb(ours, theirs, lag);
            Assert.True(snr >= RequiredSnrDb, $"{name} channel {channel} vs {decoder}: {snr:F1} dB at lag {lag}");
        }
    }

    [Fact]
    public void Noise_substitution_has_the_energy_FAAD2_gives_it()
    {
        // FAAD2's noise is other random numbers, but its energy follows the same rule: the levels must agree.
        var audio = AdtsAacDecoder.Decode(AacFixtures.Stream("noise_44k_mono_pns")).Audio!;
        var faad = AacFixtures.Reference("noise_44k_mono_pns", "faad");

        var difference = SignalComparison.RmsDb(audio.Samples) - SignalComparison.RmsDb(faad);

        Assert.InRange(difference, -0.5, 0.5);
    }

    [Fact]
    public void Noise_in_bands_with_mid_side_is_the_same_in_both_channels_as_in_FAAD2()
    {
        // ISO/IEC 14496-3 4.6.13.3: a noise band with ms_used set in both channels uses one noise vector for both.
        const string name = "noise_44k_stereo_pns_ms";
        var ours = AdtsAacDecoder.Decode(AacFixtures.Stream(name)).Audio!.Samples;
        var faad = AacFixtures.Reference(name, "faad");

        Assert.Equal(InterChannelCorrelation(faad), InterChannelCorrelation(ours), 0.02);
        for (var channel = 0; channel < 2; channel++)
        {
            var difference = SignalComparison.RmsDb(SignalComparison.Channel(ours, 2, channel))
                - SignalComparison.RmsDb(SignalComparison.Channel(faad, 2, channel));
            Assert.InRange(difference, -0.5, 0.5);
        }
    }

    [Theory]
    [InlineData("speech_8k_mono", 8000, 1)]
    [InlineData("speech_16k_mono", 16000, 1)]
    [InlineData("speech_22k_mono", 22050, 1)]
    [InlineData("castanets_44k_mono", 44100, 1)]
    [InlineData("tones_44k_stereo_ms", 44100, 2)]
    public void Reports_the_rate_and_channels_and_as_many_samples_as_ffmpeg(string name, int rate, int channels)
    {
        var audio = AdtsAacDecoder.Decode(AacFixtures.Stream(name)).Audio!;

        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal(channels, audio.Channels);
        Assert.Equal(AacFixtures.Reference(name, "ffmpeg").Length, audio.Samples.Length);
        Assert.False(audio.SbrIgnored);
    }

    private static double InterChannelCorrelation(float[] stereo)
    {
        double left = 0, right = 0, product = 0;
        for (var n = 0; n + 1 < stereo.Length; n += 2)
        {
            left += stereo[n] * (double)stereo[n];
            right += stereo[n + 1] * (double)stereo[n + 1];
            product += stereo[n] * (double)stereo[n + 1];
        }

        return product / Math.Sqrt(left * right);
    }
}
