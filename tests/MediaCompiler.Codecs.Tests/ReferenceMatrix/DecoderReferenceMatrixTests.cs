using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Flac;
using MediaCompiler.Codecs.Tests.Decoding.Flac;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.ReferenceMatrix;

/// <summary>
/// The issue's "must show" matrix for the formats beside MP3 (MP3's 81 files, every rate × channel mode × a low and a
/// high bitrate and VBR, are <see cref="Decoding.Mp3ReferenceMatrixTests"/>): M4A mono and stereo, FLAC 16- and 24-bit
/// mono and stereo, Ogg Vorbis at 8 kHz (and 16 kHz), Ogg Opus narrow- and wideband, each file encoded at test time and
/// decoded the engine's way (probe → <see cref="PromptDecoder"/>, which runs no external program: every decode here
/// is our in-process code) and by an independent decoder; compared whole-file and in 10 ms windows (windows quieter
/// than −50 dBFS in the reference are not judged). The criteria follow what the two decoders of each format can agree on:
/// <list type="bullet">
/// <item>FLAC is lossless: the integers must equal xiph flac's bit for bit, and the mono mix its mix.</item>
/// <item>AAC: ffmpeg's decoder and ours are both float implementations of one exact specification and agree to
/// rounding (≈ 138 dB measured), so 90 dB whole-file and 70 dB in every window; alignment exact (the edit list's priming).</item>
/// <item>Vorbis: the specification defines the decode exactly too; NVorbis and ffmpeg's native decoder are both float
/// and agree to rounding (≈ 131 dB measured), so 110 dB whole-file and 100 dB in every window, and the same length
/// (this caught NVorbis leaving 64 samples past the final granule position on one file).</item>
/// <item>Opus: Concentus is a C# port of libopus' fixed-point decoder, while libopus as ffmpeg builds it decodes in
/// float. SILK-only packets (the low bitrates) come out bit-identical; CELT's fixed- and floating-point inverse MDCTs
/// and pitch post-filters round differently, which Opus permits (RFC 6716 section 6: conformance is a quality
/// comparison, not bit-exactness): ≈ 71–73 dB measured, so 60 dB whole-file and 55 dB in every window.</item>
/// </list>
/// </summary>
public sealed class DecoderReferenceMatrixTests(ITestOutputHelper output)
{
    private const double Seconds = 1.5;
    private const double AacMinimumSnrDb = 90;
    private const double AacMinimumWindowSnrDb = 70;
    private const double VorbisMinimumSnrDb = 110;
    private const double VorbisMinimumWindowSnrDb = 100;
    private const double OpusMinimumSnrDb = 60;
    private const double OpusMinimumWindowSnrDb = 55;

    public static TheoryData<int, int, int> M4aCases() => Cases([8000, 16000, 44100], [1, 2], [16, 64]);

    public static TheoryData<int, int, int> FlacCases() => Cases([8000, 16000, 44100], [1, 2], [16, 24]);

    public static TheoryData<int, int, int> VorbisCases() => Cases([8000, 16000], [1, 2], [0, 6]);

    /// <summary>Narrowband (8 kHz, 4 kHz audio bandwidth) and wideband (16 kHz, 8 kHz bandwidth), a low and a high bitrate.</summary>
    public static TheoryData<int, int, int> OpusCases() => Cases([8000, 16000], [1, 2], [12, 32]);

    [FfmpegTheory]
    [MemberData(nameof(M4aCases))]
    public void M4a_decodes_like_ffmpeg(int sampleRate, int channels, int kbpsPerChannel)
    {
        var m4a = ReferenceDecodes.Encode(Signals.SpeechWithClicks(sampleRate, channels, Seconds), sampleRate, channels, "m4a",
            "-c:a", "aac", "-b:a", $"{kbpsPerChannel * channels}k", "-aac_pns", "0");
        var ours = DecodeOurs(m4a, "matrix.m4a", sampleRate);
        var reference = ReferenceDecodes.DecodeMono(m4a, "m4a", "aac", sampleRate, channels);

        var comparison = Report($"M4A {sampleRate} Hz {channels} ch {kbpsPerChannel * channels} kb/s", ours, reference, sampleRate);

        Assert.Equal(0, comparison.Lag);
        Assert.Equal((int)Math.Round(Seconds * sampleRate), ours.Length);   // priming and padding trimmed to the source
        Assert.True(comparison.SnrDb >= AacMinimumSnrDb, comparison.ToString());
        Assert.True(comparison.WorstWindowSnrDb >= AacMinimumWindowSnrDb, comparison.ToString());
    }

    [FlacToolsTheory]
    [MemberData(nameof(FlacCases))]
    public void Flac_decodes_bit_exact_like_xiph_flac(int sampleRate, int channels, int bits)
    {
        var pcm = Integers(Signals.SpeechWithClicks(sampleRate, channels, Seconds), channels, sampleRate, bits);
        // Both reference encoders, which choose predictors and stereo modes differently: flac at 8 and 44.1 kHz, ffmpeg at 16 kHz.
        var flac = sampleRate == 16000 ? FlacReference.EncodeWithFfmpeg(pcm) : FlacReference.EncodeWithFlac(pcm, "-8");
        var reference = FlacReference.DecodeWithFlac(flac);

        var (integers, _, failure) = FlacDecoder.DecodeIntegers(flac);
        var ours = DecodeOurs(flac, "matrix.flac", sampleRate);
        var referenceMono = MonoMix(reference);
        var comparison = Report($"FLAC {sampleRate} Hz {channels} ch {bits}-bit", ours, referenceMono, sampleRate);

        Assert.Null(failure);
        Assert.Equal(pcm.Interleaved, reference.Interleaved);   // the oracle round-trips the source
        Assert.Equal(reference.Interleaved, integers);
        Assert.Equal(0, comparison.Lag);
        Assert.Equal(referenceMono.Length, ours.Length);
        Assert.True(comparison.SnrDb >= 130, comparison.ToString());   // float rounding of the same mix only
    }

    [FfmpegTheory]
    [MemberData(nameof(VorbisCases))]
    public void Vorbis_decodes_like_ffmpeg(int sampleRate, int channels, int quality)
    {
        var ogg = ReferenceDecodes.Encode(Signals.SpeechWithClicks(sampleRate, channels, Seconds), sampleRate, channels, "ogg", "-c:a", "libvorbis", "-q:a", $"{quality}");
        var ours = DecodeOurs(ogg, "matrix.ogg", sampleRate);
        var reference = ReferenceDecodes.DecodeMono(ogg, "ogg", "vorbis", sampleRate, channels);

        var comparison = Report($"Vorbis {sampleRate} Hz {channels} ch q{quality}", ours, reference, sampleRate);

        Assert.Equal(0, comparison.Lag);
        Assert.Equal(reference.Length, ours.Length);
        Assert.True(comparison.SnrDb >= VorbisMinimumSnrDb, comparison.ToString());
        Assert.True(comparison.WorstWindowSnrDb >= VorbisMinimumWindowSnrDb, comparison.ToString());
    }

    [FfmpegTheory]
    [MemberData(nameof(OpusCases))]
    public void Opus_decodes_like_libopus(int sampleRate, int channels, int kbpsPerChannel)
    {
        var cutoff = sampleRate / 2;   // 4000 Hz is narrowband, 8000 Hz wideband
        var opus = ReferenceDecodes.Encode(Signals.SpeechWithClicks(sampleRate, channels, Seconds), sampleRate, channels, "opus",
            "-c:a", "libopus", "-b:a", $"{kbpsPerChannel * channels}k", "-cutoff", $"{cutoff}");
        var ours = DecodeOurs(opus, "matrix.opus", 48000);
        var reference = ReferenceDecodes.DecodeMono(opus, "opus", "libopus", 48000, channels);

        var comparison = Report($"Opus {(sampleRate == 8000 ? "narrowband" : "wideband")} {channels} ch {kbpsPerChannel * channels} kb/s", ours, reference, 48000);

        Assert.Equal(0, comparison.Lag);
        Assert.Equal(reference.Length, ours.Length);
        Assert.True(comparison.SnrDb >= OpusMinimumSnrDb, comparison.ToString());
        Assert.True(comparison.WorstWindowSnrDb >= OpusMinimumWindowSnrDb, comparison.ToString());
    }

    /// <summary>
    /// Multistream Opus (RFC 7845 channel mapping family 1, Vorbis order up to 7.1, and family 255, channels without a
    /// defined meaning), as surround exports and some recorders write it: libopus's encoder picks the streams, the
    /// coupling and the mapping table; the mono mix is the average of the channels, ours and libopus's alike.
    /// </summary>
    [FfmpegTheory]
    [InlineData(5, 1)]
    [InlineData(6, 1)]
    [InlineData(8, 1)]
    [InlineData(3, 255)]
    public void Multistream_opus_decodes_like_libopus(int channels, int family)
    {
        var opus = ReferenceDecodes.Encode(Signals.Surround(16000, channels, Seconds), 16000, channels, "opus", "-c:a", "libopus", "-b:a", $"{24 * channels}k", "-mapping_family", $"{family}");
        var head = opus.AsSpan(opus.AsSpan().IndexOf("OpusHead"u8));
        var ours = DecodeOurs(opus, "matrix.opus", 48000);
        var reference = ReferenceDecodes.DecodeMono(opus, "opus", "libopus", 48000, channels);

        var comparison = Report($"Opus {channels} ch, mapping family {family}, {head[19]} streams ({head[20]} coupled)", ours, reference, 48000);

        Assert.Equal((channels, family), (head[9], head[18]));
        Assert.Equal(0, comparison.Lag);
        Assert.Equal(reference.Length, ours.Length);
        Assert.True(comparison.SnrDb >= OpusMinimumSnrDb, comparison.ToString());
        Assert.True(comparison.WorstWindowSnrDb >= OpusMinimumWindowSnrDb, comparison.ToString());
    }

    private static TheoryData<int, int, int> Cases(int[] rates, int[] channelCounts, int[] variants)
    {
        var data = new TheoryData<int, int, int>();
        foreach (var rate in rates)
        {
            foreach (var channels in channelCounts)
            {
                foreach (var variant in variants)
                {
                    data.Add(rate, channels, variant);
                }
            }
        }

        return data;
    }

    /// <summary>The engine's path: the probe picks the in-process decoder, which returns the mono mix at the file's rate.</summary>
    private static float[] DecodeOurs(byte[] file, string name, int expectedRate)
    {
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), name);
        var result = PromptDecoder.Decode(file, name, probe);
        Assert.Null(result.Error);
        Assert.Equal(expectedRate, result.Audio!.SampleRate);
        return result.Audio.Samples;
    }

    private MatrixComparison Report(string name, float[] ours, float[] reference, int sampleRate)
    {
        var comparison = MatrixComparison.Measure(ours, reference, sampleRate, sampleRate / 100);
        output.WriteLine($"{name}: {comparison}");
        return comparison;
    }

    private static IntegerPcm Integers(float[] interleaved, int channels, int sampleRate, int bits)
    {
        var fullScale = (1 << (bits - 1)) - 1;
        return new IntegerPcm([.. interleaved.Select(s => (int)Math.Round(Math.Clamp(s, -1f, 1f) * fullScale))], channels, sampleRate, bits);
    }

    private static float[] MonoMix(IntegerPcm pcm)
    {
        var fullScale = (double)(1 << (pcm.BitsPerSample - 1));
        var mono = new float[pcm.Interleaved.Length / pcm.Channels];
        for (var i = 0; i < mono.Length; i++)
        {
            mono[i] = (float)(pcm.Interleaved.AsSpan(i * pcm.Channels, pcm.Channels).ToArray().Average() / fullScale);
        }

        return mono;
    }
}
