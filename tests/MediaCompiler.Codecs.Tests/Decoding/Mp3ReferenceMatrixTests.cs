using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Mp3;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;
using Mode = MediaCompiler.Codecs.Tests.Decoding.Mp3Reference.Mode;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// Every MPEG-1, 2 and 2.5 Layer III sample rate × mono / left-right stereo / joint stereo × a low and a high constant
/// bitrate and VBR, encoded at test time by libmp3lame from speech-like signals (a different one in each channel) and
/// a tone, decoded by us and by ffmpeg: the same length and alignment, whole-file correlation ≥ 0.999 and no 10 ms
/// window that departs from the reference (a drop-out, a burst of wrong spectrum). 8 kHz (MPEG-2.5) failed here with
/// NLayer 3.0.1: its short blocks were Huffman-decoded with a region boundary of 36 lines where the bitstream has 72.
/// </summary>
public sealed class Mp3ReferenceMatrixTests(ITestOutputHelper output)
{
    private const double MinimumNcc = 0.999;

    /// <summary>Two float decoders of one bitstream agree to rounding; a wrongly decoded granule falls far below this.</summary>
    private const double MinimumWindowNcc = 0.99;

    private const double Seconds = 1.5;

    /// <summary>The rates of MPEG-2.5, MPEG-2 and MPEG-1 Layer III, with a low and a high bitrate lame accepts at each.</summary>
    private static readonly (int Rate, int LowKbps, int HighKbps)[] Rates =
    [
        (8000, 16, 64), (11025, 16, 64), (12000, 16, 64),
        (16000, 24, 160), (22050, 24, 160), (24000, 24, 160),
        (32000, 48, 320), (44100, 48, 320), (48000, 48, 320),
    ];

    public static TheoryData<int, Mode, string> Speech() => Cases(Mode.Mono, Mode.Stereo, Mode.Joint);

    public static TheoryData<int, Mode, string> TwoChannelSpeech() => Cases(Mode.Stereo, Mode.Joint);

    private static TheoryData<int, Mode, string> Cases(params Mode[] modes)
    {
        var data = new TheoryData<int, Mode, string>();
        foreach (var (rate, low, high) in Rates)
        {
            foreach (var mode in modes)
            {
                data.Add(rate, mode, $"cbr{low}");
                data.Add(rate, mode, $"cbr{high}");
                data.Add(rate, mode, "vbr4");
            }
        }

        return data;
    }

    public static TheoryData<int> AllRates()
    {
        var data = new TheoryData<int>();
        foreach (var (rate, _, _) in Rates)
        {
            data.Add(rate);
        }

        return data;
    }

    [FfmpegTheory]
    [MemberData(nameof(Speech))]
    public void Speech_decodes_like_ffmpeg(int sampleRate, Mode mode, string rateControl)
    {
        var mp3 = Encode(Mp3Reference.Speech(sampleRate, mode == Mode.Mono ? 1 : 2, Seconds), sampleRate, mode, rateControl);

        AssertMonoDecodeMatches(mp3, $"{sampleRate} Hz {mode} {rateControl}", sampleRate);
    }

    [FfmpegTheory]
    [MemberData(nameof(AllRates))]
    public void A_tone_decodes_like_ffmpeg_from_its_first_frame(int sampleRate)
    {
        // A tone that starts at full level: its onset is a transient, coded with short blocks.
        var tone = WavWriter.ToPcm16(Signals.Tone(440, 0.5, sampleRate, Seconds));
        var mp3 = Mp3Reference.Encode(tone, sampleRate, Mode.Mono, null, 4);

        AssertMonoDecodeMatches(mp3, $"{sampleRate} Hz tone", sampleRate);
    }

    /// <summary>
    /// Each channel on its own: a mono mix hides errors in the side (L − R) signal, which joint stereo codes apart.
    /// </summary>
    [FfmpegTheory]
    [MemberData(nameof(TwoChannelSpeech))]
    public void Each_channel_decodes_like_ffmpegs(int sampleRate, Mode mode, string rateControl)
    {
        var mp3 = Encode(Mp3Reference.Speech(sampleRate, mode == Mode.Mono ? 1 : 2, Seconds), sampleRate, mode, rateControl);
        var gapless = LameGaplessInfo.Read(mp3)!;
        var channels = Mp3Decoder.DecodeFrames(mp3, gapless, CancellationToken.None, keepChannels: true).Channels;
        var reference = Mp3Reference.Decode(mp3, 2);

        for (int c = 0; c < 2; c++)
        {
            AssertMatches(reference[c], Mp3Decoder.Trim(channels[c], gapless), $"{sampleRate} Hz {mode} {rateControl} channel {c}", sampleRate);
        }
    }

    private void AssertMonoDecodeMatches(byte[] mp3, string name, int sampleRate)
    {
        var probe = AudioProbe.Probe(new MemoryStream(mp3, writable: false), "matrix.mp3");
        var result = PromptDecoder.Decode(mp3, "matrix.mp3", probe);

        Assert.Null(result.Error);
        Assert.Equal(sampleRate, result.Audio!.SampleRate);
        AssertMatches(Mp3Reference.Decode(mp3, 1)[0], result.Audio.Samples, name, sampleRate);
    }

    private void AssertMatches(float[] reference, float[] ours, string name, int sampleRate)
    {
        var (ncc, lag) = Measure.BestNcc(reference, ours, 32);
        var (windowNcc, at) = Mp3Reference.WorstWindow(reference, ours, lag, sampleRate);
        output.WriteLine($"{name}: ours {ours.Length}, ffmpeg {reference.Length} samples; lag {lag}; NCC {ncc:0.000000}; worst 10 ms window {windowNcc:0.0000} at {at:0.000} s");

        Assert.InRange(ours.Length - reference.Length, -2, 2);
        Assert.InRange(lag, -1, 1);
        Assert.True(ncc >= MinimumNcc, $"{name}: NCC {ncc:0.0000} with ffmpeg's decode");
        Assert.True(windowNcc >= MinimumWindowNcc, $"{name}: the 10 ms window at {at:0.000} s correlates {windowNcc:0.000} with ffmpeg's decode");
    }

    private static byte[] Encode(short[] pcm, int sampleRate, Mode mode, string rateControl) =>
        rateControl.StartsWith("vbr", StringComparison.Ordinal)
            ? Mp3Reference.Encode(pcm, sampleRate, mode, null, int.Parse(rateControl[3..], System.Globalization.CultureInfo.InvariantCulture))
            : Mp3Reference.Encode(pcm, sampleRate, mode, int.Parse(rateControl[3..], System.Globalization.CultureInfo.InvariantCulture), null);
}
