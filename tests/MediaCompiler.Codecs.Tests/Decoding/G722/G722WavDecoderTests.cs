using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.G722;

/// <summary>
/// G.722 WAVs against ffmpeg's decoder (which passes the ITU test vectors): files ffmpeg encodes at test time decode to
/// its samples bit for bit (speech, a high-band tone, near silence, a clipped square, silence, a data chunk of an odd
/// length); a header that cannot be G.722 mono is a coded failure and no byte pattern throws.
/// </summary>
public sealed class G722WavDecoderTests(ITestOutputHelper output)
{
    private const int Rate = 16000;

    public static TheoryData<string, int> Signals() => new()
    {
        { "speech", 0 },
        { "high tone", 0 },
        { "quiet", 0 },
        { "clipped square", 0 },
        { "silence", 0 },
        { "speech", 37 }, // the data chunk cut to an odd length: every byte is two samples, whatever comes after
    };

    [FfmpegTheory]
    [MemberData(nameof(Signals))]
    public void Decodes_what_ffmpeg_encodes_to_ffmpegs_own_samples(string signal, int cutBytes)
    {
        var (bytes, expected) = FfmpegEncodedWav.Make(WavWriter.Pcm16(WavWriter.ToPcm16(Signal(signal)), Rate), cutBytes, "-c:a", "g722");
        var probe = AudioProbe.Probe(new MemoryStream(bytes), "encoded.wav");

        Assert.True(PromptDecoder.CanDecode(probe));
        var result = PromptDecoder.Decode(bytes, "encoded.wav", probe);

        Assert.Null(result.Error);
        Assert.Equal(Rate, result.Audio!.SampleRate);
        output.WriteLine($"{signal}, cut {cutBytes}: ours {result.Audio.Samples.Length}, ffmpeg {expected.Length} samples");
        FfmpegEncodedWav.AssertBitExact(expected, result.Audio.Samples);
    }

    [Theory]
    [InlineData(2, Rate)]
    [InlineData(0, Rate)]
    public void A_header_that_cannot_be_G722_mono_is_a_coded_failure(int channels, int rate)
    {
        var bytes = Build(channels, rate, new byte[400]);

        var result = PromptDecoder.Decode(bytes, "g722.wav", AudioProbe.Probe(new MemoryStream(bytes), "g722.wav"));

        Assert.Null(result.Audio);
        output.WriteLine($"{channels} channels: {result.Error!.Code} {result.Error.Message}");
        Assert.StartsWith("IVR", result.Error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_bytes_decode_to_two_samples_each_and_none_throws()
    {
        // Every byte is a pair of codewords the recommendation defines, and the state stays within its clamps.
        var random = new Random(1205);
        for (int round = 0; round < 200; round++)
        {
            var data = new byte[random.Next(1, 4000)];
            random.NextBytes(data);
            var bytes = Build(1, Rate, data);

            var result = PromptDecoder.Decode(bytes, "g722.wav", AudioProbe.Probe(new MemoryStream(bytes), "g722.wav"));

            Assert.Null(result.Error);
            Assert.Equal(2 * data.Length, result.Audio!.Samples.Length);
            Assert.All(result.Audio.Samples, s => Assert.InRange(s, -1f, 1f));
        }
    }

    private static float[] Signal(string name) => name switch
    {
        "speech" => MediaCompiler.TestSupport.Signals.SpeechWithClicks(Rate, 1, 2.5),
        "high tone" => MediaCompiler.TestSupport.Signals.Tone(6500, 0.4, Rate, 1),
        "quiet" => MediaCompiler.TestSupport.Signals.Speechlike(Rate, 1.5, 0.003),
        "clipped square" => MediaCompiler.TestSupport.Signals.Sample(t => Math.Sign(Math.Sin(2 * Math.PI * 220 * t)), Rate, 1),
        _ => new float[Rate],
    };

    /// <summary>A G.722 WAV as ffmpeg writes one: RIFF (12) + fmt (8 + 18) + data (8) header bytes, then the codewords.</summary>
    private static byte[] Build(int channels, int rate, byte[] data)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(4 + 26 + 8 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(18);
        writer.Write((ushort)0x028F);
        writer.Write((ushort)channels);
        writer.Write(rate);
        writer.Write(rate);
        writer.Write((ushort)1);
        writer.Write((ushort)4);
        writer.Write((ushort)0);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        return stream.ToArray();
    }
}
