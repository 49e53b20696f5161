using MediaCompiler.Codecs.Decoding;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// Our in-process decoders against ffmpeg's decodes of the same files (recorded once by
/// build/record-decoder-references.sh): same rate, same length within a few samples (so MP3 delay/padding and Opus
/// pre-skip/end trimming agree with the reference's), same waveform (SNR after best alignment).
/// </summary>
public sealed class ManagedDecoderFidelityTests(ITestOutputHelper output)
{
    /// <summary>Lossy decoders may differ in rounding and in float vs fixed point; 30 dB SNR is far above that noise floor.</summary>
    private const double MinimumSnrDb = 30;

    /// <summary>How far the alignment search looks either way (a trimming error shows up as a lag here).</summary>
    private const int MaxLag = 2000;

    public static TheoryData<string, int> Fixtures() => new()
    {
        { "menu_16k_lame.mp3", 2 },
        { "hold_44k_stereo_lame.mp3", 2 },
        { "menu_16k.ogg", 2 },
        { "menu_16k.opus", 2 },
        { "hold_stereo.opus", 2 },
        { "hold_8k_gain6db.opus", 2 },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decodes_like_ffmpeg_in_length_alignment_and_waveform(string name, int maxLengthDifference)
    {
        var reference = SpeechFixtures.Reference(name);

        var result = PromptDecoder.Decode(SpeechFixtures.Bytes(name), name, SpeechFixtures.Probe(name));

        var audio = Assert.IsType<Wav.DecodedAudio>(result.Audio);
        Assert.Null(result.Error);
        Assert.Equal(SpeechFixtures.ReferenceRate(name), audio.SampleRate);
        int lag = BestLag(reference, audio.Samples);
        double snr = SnrAtLag(reference, audio.Samples, lag);
        output.WriteLine($"{name}: ours {audio.Samples.Length}, ffmpeg {reference.Length} samples; best lag {lag}; SNR {snr:0.0} dB");
        Assert.InRange(audio.Samples.Length - reference.Length, -maxLengthDifference, maxLengthDifference);
        Assert.InRange(lag, -1, 1);
        Assert.True(snr >= MinimumSnrDb, $"SNR {snr:0.0} dB against ffmpeg's decode");
    }

    /// <summary>The lag (ours shifted against the reference) of highest cross-correlation, over ± <see cref="MaxLag"/>.</summary>
    private static int BestLag(float[] reference, float[] ours)
    {
        int best = 0;
        double bestDot = double.NegativeInfinity;
        for (int lag = -MaxLag; lag <= MaxLag; lag++)
        {
            double dot = 0;
            for (int i = Math.Max(0, -lag); i < reference.Length && i + lag < ours.Length; i++)
            {
                dot += reference[i] * ours[i + lag];
            }

            if (dot > bestDot)
            {
                (best, bestDot) = (lag, dot);
            }
        }

        return best;
    }

    private static double SnrAtLag(float[] reference, float[] ours, int lag)
    {
        double signal = 0, noise = 0;
        for (int i = Math.Max(0, -lag); i < reference.Length && i + lag < ours.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double error = ours[i + lag] - reference[i];
            noise += error * error;
        }

        return 10 * Math.Log10(signal / noise);
    }
}
