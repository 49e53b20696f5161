using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.Loudness;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.Gsm;

/// <summary>A theory that needs ffmpeg with its libgsm encoder (Debian's has it); skipped, saying so, without.</summary>
public sealed class GsmEncoderTheoryAttribute : TheoryAttribute
{
    public static bool Available { get; } = Ffmpeg.Path is { } ffmpeg && Encoders(ffmpeg).Contains(" libgsm_ms ", StringComparison.Ordinal);

    public GsmEncoderTheoryAttribute()
    {
        if (!Available)
        {
            Skip = "ffmpeg with the libgsm_ms encoder is not on the PATH: install Debian's ffmpeg to run the GSM 6.10 reference tests.";
        }
    }

    private static string Encoders(string ffmpeg)
    {
        using var process = Process.Start(new ProcessStartInfo(ffmpeg, "-hide_banner -encoders") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardError.ReadToEndAsync();
        var list = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return list;
    }
}

/// <summary>
/// GSM 06.10 WAVs (WAV49) against ffmpeg's decoder: files libgsm encodes at test time decode to ffmpeg's samples bit
/// for bit (speech, near silence, a clipped square wave, a last block cut short); the committed fixture decodes
/// without ffmpeg; a header that cannot be GSM 6.10 is a coded failure and no byte pattern throws.
/// </summary>
public sealed class GsmWavDecoderTests(ITestOutputHelper output)
{
    private const int Rate = 8000;

    [Fact]
    public void The_committed_fixture_decodes_in_process_for_as_long_as_ffprobe_says()
    {
        const string name = "gsm_8k_mono.wav";
        var corpus = Path.Combine(SpeechFixtureFiles.Root, "audio");
        var seconds = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus, "expected.json"))).RootElement
            .GetProperty(name).GetProperty("ffprobe").GetProperty("duration").GetDouble();
        var bytes = File.ReadAllBytes(Path.Combine(corpus, name));
        var probe = AudioProbe.Probe(new MemoryStream(bytes), name);

        Assert.True(PromptDecoder.CanDecode(probe));
        var result = PromptDecoder.Decode(bytes, name, probe);

        Assert.Null(result.Error);
        Assert.Equal(Rate, result.Audio!.SampleRate);
        Assert.Equal(seconds * Rate, result.Audio.Samples.Length, 0);
        Assert.Contains(result.Audio.Samples, s => Math.Abs(s) > 0.01f);
    }

    public static TheoryData<string, int> Signals() => new()
    {
        { "speech", 0 },
        { "quiet", 0 },
        { "clipped square", 0 },
        { "silence", 0 },
        { "speech", 30 }, // the last 65-byte block cut 30 bytes short: whole blocks only, as ffmpeg
    };

    [GsmEncoderTheory]
    [MemberData(nameof(Signals))]
    public void Decodes_what_libgsm_encodes_to_ffmpegs_own_samples(string signal, int cutBytes)
    {
        var (bytes, expected) = FfmpegEncodedWav.Make(WavWriter.Pcm16(WavWriter.ToPcm16(Signal(signal)), Rate), cutBytes, "-c:a", "libgsm_ms");

        var result = PromptDecoder.Decode(bytes, "encoded.wav", AudioProbe.Probe(new MemoryStream(bytes), "encoded.wav"));

        Assert.Null(result.Error);
        output.WriteLine($"{signal}, cut {cutBytes}: ours {result.Audio!.Samples.Length}, ffmpeg {expected.Length} samples");
        FfmpegEncodedWav.AssertBitExact(expected, result.Audio.Samples);
    }

    [Theory]
    [InlineData(2, 8000)]
    [InlineData(0, 8000)]
    public void A_header_that_cannot_be_GSM_610_mono_is_a_coded_failure(int channels, int rate)
    {
        var bytes = Build(channels, rate, blocks: 3, new Random(7));

        var result = PromptDecoder.Decode(bytes, "gsm.wav", AudioProbe.Probe(new MemoryStream(bytes), "gsm.wav"));

        Assert.Null(result.Audio);
        output.WriteLine($"{channels} channels: {result.Error!.Code} {result.Error.Message}");
        Assert.StartsWith("IVR", result.Error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_bytes_in_the_blocks_decode_and_none_throws()
    {
        // Every 260-bit pattern is a frame the standard defines (out-of-range lags keep the last one), so random
        // blocks decode to audio of the blocks' length, never an exception.
        var random = new Random(1205);
        for (int round = 0; round < 200; round++)
        {
            int blocks = random.Next(1, 12);
            var bytes = Build(1, Rate, blocks, random);

            var result = PromptDecoder.Decode(bytes, "gsm.wav", AudioProbe.Probe(new MemoryStream(bytes), "gsm.wav"));

            Assert.Null(result.Error);
            Assert.Equal(blocks * 320, result.Audio!.Samples.Length);
        }
    }

    private static float[] Signal(string name) => name switch
    {
        "speech" => MediaCompiler.TestSupport.Signals.SpeechWithClicks(Rate, 1, 2.5),
        "quiet" => MediaCompiler.TestSupport.Signals.Speechlike(Rate, 1.5, 0.003),
        "clipped square" => MediaCompiler.TestSupport.Signals.Sample(t => Math.Sign(Math.Sin(2 * Math.PI * 220 * t)), Rate, 1),
        _ => new float[Rate],
    };

    /// <summary>A GSM 6.10 WAV of random blocks: RIFF (12) + fmt (8 + 20) + data (8) header bytes, then 65-byte blocks.</summary>
    private static byte[] Build(int channels, int rate, int blocks, Random random)
    {
        var data = new byte[65 * blocks];
        random.NextBytes(data);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(4 + 28 + 8 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(20);
        writer.Write((ushort)0x0031);
        writer.Write((ushort)channels);
        writer.Write(rate);
        writer.Write(1625);
        writer.Write((ushort)65);
        writer.Write((ushort)0);
        writer.Write((ushort)2);
        writer.Write((ushort)320);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        return stream.ToArray();
    }
}
