using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Mp3;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// The Layer III modes <see cref="Mp3ReferenceMatrixTests"/> cannot make with ffmpeg's libmp3lame, encoded at test
/// time by the lame command-line encoder from the same speech-like signals (a different one in each channel): dual
/// channel at every rate (CBR low, middle and high, VBR), free format at every rate (mono, dual channel, joint stereo), and
/// intensity stereo at the MPEG-1 rates (lame's joint-stereo frames with the intensity bit set, see
/// <see cref="LameReference.WithIntensityStereo"/>). Each channel is held to ffmpeg's decode and to mpg123's with the
/// matrix's criteria (same length and alignment, correlation ≥ 0.999 whole-file and ≥ 0.99 in every 10 ms window with
/// signal); free format to mpg123's alone, since ffmpeg 5.1 does not decode free-format frames.
/// </summary>
public sealed class Mp3LameModesTests(ITestOutputHelper output)
{
    private const double MinimumNcc = 0.999;
    private const double MinimumWindowNcc = 0.99;
    private const double Seconds = 1.5;

    /// <summary>
    /// At 24 kHz the long-block band 18 starts at line 332 in LAME's tables (encoder and its mpglib decoder) and
    /// mpg123's, and at 330 in ffmpeg 5.1's (ISO/IEC 13818-3 as first printed). Where the bands above ~5.8 kHz carry
    /// audio the decoders then differ (0.148 peak on this signal at 56 kb/s, while mpg123 and lame --decode agree to
    /// 3e-5): there we follow the encoder that wrote the stream, so 24 kHz is held to mpg123 only.
    /// </summary>
    private const int Mpeg2Band18Disputed = 24000;

    /// <summary>Every Layer III rate with a low and a high CBR bitrate, as in the ffmpeg matrix.</summary>
    private static readonly (int Rate, int LowKbps, int HighKbps)[] Rates =
    [
        (8000, 16, 64), (11025, 16, 64), (12000, 16, 64),
        (16000, 24, 160), (22050, 24, 160), (24000, 24, 160),
        (32000, 48, 320), (44100, 48, 320), (48000, 48, 320),
    ];

    public static TheoryData<int, string> DualChannelCases()
    {
        var data = new TheoryData<int, string>();
        foreach (var (rate, low, high) in Rates)
        {
            data.Add(rate, $"cbr{low}");
            // A middle bitrate too: at 24 kHz and 56 kb/s the bands above ~5.8 kHz carry audio in this signal's last
            // frames, which is where NLayer's 24 kHz band table was wrong (see LayerIIIDecoder.BandTables.cs).
            data.Add(rate, $"cbr{(rate < 16000 ? 32 : rate < 32000 ? 56 : 128)}");
            data.Add(rate, $"cbr{high}");
            data.Add(rate, "vbr4");
        }

        return data;
    }

    /// <summary>
    /// Free format at bitrates no bitrate index names (so only the distance between headers gives the frame length):
    /// a low one and a high one per MPEG version, the high one within the 3,456-byte frame mpg123 accepts.
    /// </summary>
    public static TheoryData<int, string, int> FreeFormatCases()
    {
        var data = new TheoryData<int, string, int>();
        foreach (var (rate, _, _) in Rates)
        {
            var (low, high) = rate < 16000 ? (20, 180) : rate < 32000 ? (36, 300) : (72, 500);
            foreach (var mode in new[] { "m", "d", "j" })
            {
                data.Add(rate, mode, low);
                data.Add(rate, mode, high);
            }
        }

        return data;
    }

    public static TheoryData<int, string> IntensityCases()
    {
        var data = new TheoryData<int, string>();
        foreach (var rate in new[] { 32000, 44100, 48000 })
        {
            data.Add(rate, "cbr48");
            data.Add(rate, "cbr128");
            data.Add(rate, "vbr4");
        }

        return data;
    }

    [LameTheory]
    [MemberData(nameof(DualChannelCases))]
    public void Dual_channel_decodes_like_ffmpeg_and_mpg123(int sampleRate, string rateControl)
    {
        var mp3 = LameReference.Encode(Mp3Reference.Speech(sampleRate, 2, Seconds), sampleRate, 2, ["-m", "d", .. RateOptions(rateControl)]);
        Assert.Equal(2, mp3[3] >> 6);   // the first frame's channel mode: dual channel

        AssertChannelsMatch(mp3, $"{sampleRate} Hz dual {rateControl}", sampleRate, withFfmpeg: sampleRate != Mpeg2Band18Disputed);
    }

    [LameTheory]
    [MemberData(nameof(FreeFormatCases))]
    public void Free_format_decodes_like_mpg123(int sampleRate, string mode, int kbps)
    {
        var channels = mode == "m" ? 1 : 2;
        var pcm = Mp3Reference.Speech(sampleRate, channels, Seconds);
        var mp3 = LameReference.Encode(pcm, sampleRate, channels, "-m", mode, "--freeformat", "-b", $"{kbps}");
        Assert.Equal(0, mp3[2] >> 4);   // bitrate index 0: free format

        var name = $"{sampleRate} Hz free format {kbps} kb/s -m {mode}";
        var probe = AudioProbe.Probe(new MemoryStream(mp3, writable: false), "modes.mp3");
        Assert.InRange(probe.Bitrate!.Value, kbps * 990, kbps * 1000);   // the frame length implies the bitrate, rounded down to whole bytes
        AssertMonoDecodeMatches(mp3, name, sampleRate, channels);
        if (channels == 2)
        {
            AssertChannelsMatch(mp3, name, sampleRate, withFfmpeg: false);
        }
    }

    /// <summary>
    /// A damaged free-format file decodes to audio or to the coded rejection (IVR3120), never an exception or a hang:
    /// the frame walker resynchronises on headers of the stream's free-format length after a damaged stretch, and a
    /// file whose first frames no longer give that length is no MPEG stream at all.
    /// </summary>
    [LameTheory]
    [InlineData("cut-at-1/3")]
    [InlineData("cut-inside-the-first-frame")]
    [InlineData("noise-in-middle")]
    [InlineData("zeros-in-middle")]
    [InlineData("second-header-destroyed")]
    [InlineData("every-header-destroyed-after-the-first")]
    [InlineData("headers-only-noise")]
    public void Damaged_free_format_files_decode_to_audio_or_the_coded_rejection(string damage)
    {
        var original = LameReference.Encode(Mp3Reference.Speech(22050, 2, Seconds), 22050, 2, "-m", "j", "--freeformat", "-b", "300");
        var probe = AudioProbe.Probe(new MemoryStream(original, writable: false), "free.mp3");
        var damaged = Damage(original, damage);

        var damagedProbe = AudioProbe.Probe(new MemoryStream(damaged, writable: false), "free.mp3");
        var result = PromptDecoder.Decode(damaged, "free.mp3", probe);

        Assert.NotNull(damagedProbe);
        Assert.True(result.Audio is not null ^ result.Error is not null);
        if (result.Error is { } error)
        {
            Assert.Equal("IVR3120", error.Code);
        }
        else
        {
            Assert.All(result.Audio!.Samples, sample => Assert.True(float.IsFinite(sample)));
        }
    }

    /// <summary>The shared damage (<see cref="FileDamage"/>), plus two that only a stream of frames can suffer.</summary>
    private static byte[] Damage(byte[] bytes, string damage)
    {
        var copy = bytes.ToArray();
        switch (damage)
        {
            case "second-header-destroyed":
                copy[NextHeaderOrEnd(copy, 1)] = 0;
                return copy;
            case "every-header-destroyed-after-the-first":
                for (var at = NextHeaderOrEnd(copy, 1); at >= 0; at = NextHeaderOrEnd(copy, at + 1))
                {
                    copy[at] = 0;
                }

                return copy;
            default:
                return FileDamage.Apply(bytes, damage);
        }
    }

    /// <summary>The next offset holding a header of the stream (sync, version, layer, bitrate index and rate of the first), or −1.</summary>
    private static int NextHeaderOrEnd(byte[] bytes, int from)
    {
        for (var i = from; i + 3 < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == bytes[1] && (bytes[i + 2] & 0xFC) == (bytes[2] & 0xFC))
            {
                return i;
            }
        }

        return -1;
    }

    [LameTheory]
    [MemberData(nameof(IntensityCases))]
    public void Intensity_stereo_decodes_like_ffmpeg_and_mpg123(int sampleRate, string rateControl)
    {
        var joint = LameReference.Encode(Mp3Reference.Speech(sampleRate, 2, Seconds), sampleRate, 2, ["-m", "j", .. RateOptions(rateControl)]);
        var (mp3, patched) = LameReference.WithIntensityStereo(joint);
        Assert.True(patched > 10, $"only {patched} joint-stereo frames to patch");

        // The two references agree on the patched stream, so it is one that decoders read alike.
        var ffmpeg = Mp3Reference.Decode(mp3, 2);
        var mpg123 = LameReference.DecodeWithMpg123(mp3, 2);
        for (var c = 0; c < 2; c++)
        {
            AssertMatches(ffmpeg[c], mpg123[c], $"{sampleRate} Hz intensity {rateControl} channel {c}: mpg123 against ffmpeg", sampleRate);
        }

        AssertChannelsMatch(mp3, $"{sampleRate} Hz intensity {rateControl}", sampleRate, withFfmpeg: true);
    }

    private void AssertChannelsMatch(byte[] mp3, string name, int sampleRate, bool withFfmpeg)
    {
        var gapless = LameGaplessInfo.Read(mp3)!;
        var channels = Mp3Decoder.DecodeFrames(mp3, gapless, CancellationToken.None, keepChannels: true).Channels;
        var mpg123 = LameReference.DecodeWithMpg123(mp3, 2);
        var ffmpeg = withFfmpeg ? Mp3Reference.Decode(mp3, 2) : null;
        for (var c = 0; c < 2; c++)
        {
            var ours = Mp3Decoder.Trim(channels[c], gapless);
            AssertMatches(mpg123[c], ours, $"{name} channel {c} against mpg123", sampleRate);
            if (ffmpeg is not null)
            {
                AssertMatches(ffmpeg[c], ours, $"{name} channel {c} against ffmpeg", sampleRate);
            }
        }
    }

    /// <summary>The engine's path (probe, then the in-process decoder) against mpg123's decode mixed to mono.</summary>
    private void AssertMonoDecodeMatches(byte[] mp3, string name, int sampleRate, int channels)
    {
        var probe = AudioProbe.Probe(new MemoryStream(mp3, writable: false), "modes.mp3");
        var result = PromptDecoder.Decode(mp3, "modes.mp3", probe);
        Assert.Null(result.Error);
        Assert.Equal(sampleRate, result.Audio!.SampleRate);

        var reference = LameReference.DecodeWithMpg123(mp3, channels);
        var mono = new float[reference[0].Length];
        for (var i = 0; i < mono.Length; i++)
        {
            mono[i] = channels == 1 ? reference[0][i] : (reference[0][i] + reference[1][i]) * 0.5f;
        }

        AssertMatches(mono, result.Audio.Samples, $"{name} mono mix against mpg123", sampleRate);
    }

    private void AssertMatches(float[] reference, float[] ours, string name, int sampleRate)
    {
        var (ncc, lag) = Measure.BestNcc(reference, ours, 32);
        var (windowNcc, at) = Mp3Reference.WorstWindow(reference, ours, lag, sampleRate);
        output.WriteLine($"{name}: ours {ours.Length}, reference {reference.Length} samples; lag {lag}; NCC {ncc:0.000000}; worst 10 ms window {windowNcc:0.0000} at {at:0.000} s");

        Assert.InRange(ours.Length - reference.Length, -2, 2);
        Assert.InRange(lag, -1, 1);
        Assert.True(ncc >= MinimumNcc, $"{name}: NCC {ncc:0.0000}");
        Assert.True(windowNcc >= MinimumWindowNcc, $"{name}: the 10 ms window at {at:0.000} s correlates {windowNcc:0.000}");
    }

    private static string[] RateOptions(string rateControl) =>
        rateControl.StartsWith("vbr", StringComparison.Ordinal) ? ["-V", rateControl[3..]] : ["-b", rateControl[3..]];
}
