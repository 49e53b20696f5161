using System.Buffers.Binary;
using System.Text.Json;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.Loudness;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.Adpcm;

/// <summary>
/// The IMA and Microsoft ADPCM WAV decoders against ffmpeg's: files ffmpeg encodes (mono and stereo, two rates, three
/// block sizes, a last block cut short) decode to ffmpeg's own samples exactly; the committed fixtures decode without
/// ffmpeg; a damaged header or block is a coded failure, never an exception.
/// </summary>
public sealed class AdpcmWavDecoderTests(ITestOutputHelper output)
{
    private static readonly string Corpus = Path.Combine(SpeechFixtureFiles.Root, "audio");

    [Theory]
    [InlineData("adpcm_ima_8k_mono.wav")]
    [InlineData("adpcm_ms_8k_mono.wav")]
    public void The_committed_fixtures_decode_in_process_for_as_long_as_ffprobe_says(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "expected.json"))).RootElement.GetProperty(name).GetProperty("ffprobe");
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, name));
        var probe = AudioProbe.Probe(new MemoryStream(bytes), name);

        Assert.True(PromptDecoder.CanDecode(probe));
        var result = PromptDecoder.Decode(bytes, name, probe);

        Assert.Null(result.Error);
        Assert.Equal(8000, result.Audio!.SampleRate);
        Assert.Equal(expected.GetProperty("duration").GetDouble() * 8000, result.Audio.Samples.Length, 0);
        Assert.Contains(result.Audio.Samples, s => Math.Abs(s) > 0.01f);
    }

    public static TheoryData<string, int, int, int, int> Encodings()
    {
        var data = new TheoryData<string, int, int, int, int>();
        foreach (var codec in new[] { "adpcm_ima_wav", "adpcm_ms" })
        {
            data.Add(codec, 1, 8000, 256, 0);
            data.Add(codec, 1, 16000, 1024, 0);
            data.Add(codec, 2, 8000, 512, 0);
            data.Add(codec, 2, 16000, 2048, 0);
            data.Add(codec, 1, 8000, 256, 37);   // the last block cut 37 bytes short
            data.Add(codec, 2, 8000, 512, 101);
            data.Add(codec, 1, 8000, 256, 256 - (codec == "adpcm_ms" ? 7 : 4)); // the last block only its header
        }

        return data;
    }

    [FfmpegTheory]
    [MemberData(nameof(Encodings))]
    public void Decodes_what_ffmpeg_encodes_to_ffmpegs_own_samples(string codec, int channels, int rate, int blockSize, int cutBytes)
    {
        var source = WavWriter.Pcm16(WavWriter.ToPcm16(Signals.SpeechWithClicks(rate, channels, 1.3)), rate, channels);
        var (bytes, reference) = FfmpegEncodedWav.Make(source, cutBytes, "-c:a", codec, "-block_size", blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var referenceMono = MixDown(reference, channels);

        var result = PromptDecoder.Decode(bytes, "encoded.wav", AudioProbe.Probe(new MemoryStream(bytes), "encoded.wav"));

        Assert.Null(result.Error);
        var ours = result.Audio!.Samples;
        output.WriteLine($"{codec} {channels} ch {rate} Hz, blocks of {blockSize} bytes, cut {cutBytes}: ours {ours.Length}, ffmpeg {referenceMono.Length} samples");
        Assert.Equal(rate, result.Audio.SampleRate);
        Assert.Equal(referenceMono.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.True(Math.Abs(ours[i] - referenceMono[i]) < 1e-6f, $"sample {i}: ours {ours[i] * 32768:0.#}, ffmpeg {referenceMono[i] * 32768:0.#}");
        }
    }

    public static TheoryData<string, Func<byte[], byte[]>> Damage() => new()
    {
        { "IMA, block size 0", file => SetU16(Ima(), 32, 0) },
        { "IMA, block smaller than its header", file => SetU16(Ima(), 32, 3) },
        { "IMA, block not whole groups", file => SetU16(Ima(), 32, 250) },
        { "IMA, step index 89", file => SetDataByte(Ima(), 2, 89) },
        { "Microsoft, coefficient pair 7 of 7", file => SetDataByte(Ms(), 0, 7) },
        { "Microsoft, 3 channels", file => SetU16(SetU16(Ms(), 22, 3), 32, 7 * 3 + 30) },
        { "Microsoft, block size 0", file => SetU16(Ms(), 32, 0) },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_header_or_block_is_a_coded_failure(string what, Func<byte[], byte[]> damage)
    {
        var bytes = damage([]);
        var probe = AudioProbe.Probe(new MemoryStream(bytes), "damaged.wav");

        var result = PromptDecoder.Decode(bytes, "damaged.wav", probe);

        Assert.Null(result.Audio);
        output.WriteLine($"{what}: {result.Error!.Code} {result.Error.Message}");
        Assert.Equal("IVR3002", result.Error.Code);
    }

    [Fact]
    public void A_Microsoft_file_that_lists_its_own_coefficients_is_decoded_with_them()
    {
        // The same blocks twice: with the standard table and predictor 1 (512, -256), and with a table whose pair 0 is
        // (512, -256) and predictor 0. Both name the same pair, so the audio must be the same.
        var standard = SetDataByte(SetDataByte(Ms(), 0, 1), 256, 1);
        var ownTable = (byte[])standard.Clone();
        int table = 12 + 8 + 22; // the fmt payload's coefficient pairs
        BinaryPrimitives.WriteInt16LittleEndian(ownTable.AsSpan(table), 512);
        BinaryPrimitives.WriteInt16LittleEndian(ownTable.AsSpan(table + 2), -256);
        SetDataByte(SetDataByte(ownTable, 0, 0), 256, 0);

        var expected = PromptDecoder.Decode(standard, "a.wav", AudioProbe.Probe(new MemoryStream(standard), "a.wav")).Audio!.Samples;
        var actual = PromptDecoder.Decode(ownTable, "b.wav", AudioProbe.Probe(new MemoryStream(ownTable), "b.wav")).Audio!.Samples;

        Assert.Equal(expected, actual);
        var pairZero = SetDataByte(SetDataByte(Ms(), 0, 0), 256, 0);
        var withPairZero = PromptDecoder.Decode(pairZero, "c.wav", AudioProbe.Probe(new MemoryStream(pairZero), "c.wav")).Audio!.Samples;
        Assert.NotEqual(expected, withPairZero);
    }

    [Fact]
    public void Random_damage_never_throws()
    {
        var random = new Random(1205);
        foreach (var original in new[] { Ima(), Ms() })
        {
            for (int round = 0; round < 400; round++)
            {
                var bytes = (byte[])original.Clone();
                for (int flips = random.Next(1, 6); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                var probe = AudioProbe.Probe(new MemoryStream(bytes), "fuzzed.wav");
                var result = PromptDecoder.Decode(bytes, "fuzzed.wav", probe);

                Assert.True(result.Audio is not null ^ result.Error is not null);
            }
        }
    }

    /// <summary>A valid mono 8 kHz IMA ADPCM WAV, two blocks of 256 bytes (505 samples each), built byte by byte.</summary>
    private static byte[] Ima() => Build(0x0011, blockAlign: 256, samplesPerBlock: 505, extra: [], blocks: 2,
        header: block => { block[0] = 0x10; block[2] = 20; });

    /// <summary>A valid mono 8 kHz Microsoft ADPCM WAV with the standard coefficients, two blocks of 256 bytes.</summary>
    private static byte[] Ms()
    {
        var coefficients = new byte[2 + (7 * 4)];
        BinaryPrimitives.WriteUInt16LittleEndian(coefficients, 7);
        short[] pairs = [256, 0, 512, -256, 0, 0, 192, 64, 240, 0, 460, -208, 392, -232];
        for (int i = 0; i < pairs.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(coefficients.AsSpan(2 + (2 * i)), pairs[i]);
        }

        return Build(0x0002, blockAlign: 256, samplesPerBlock: 500, extra: coefficients, blocks: 2,
            header: block => { block[0] = 1; block[1] = 16; });
    }

    private static byte[] Build(ushort tag, int blockAlign, int samplesPerBlock, byte[] extra, int blocks, Action<byte[]> header)
    {
        var data = new byte[blockAlign * blocks];
        var random = new Random(tag);
        random.NextBytes(data);
        for (int b = 0; b < blocks; b++)
        {
            var block = new byte[8];
            header(block);
            Array.Copy(block, 0, data, b * blockAlign, tag == 0x0011 ? 4 : 7);
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        int fmtSize = 20 + extra.Length;
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + fmtSize + 8 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(fmtSize);
        writer.Write(tag);
        writer.Write((ushort)1);
        writer.Write(8000);
        writer.Write(8000 * blockAlign / samplesPerBlock);
        writer.Write((ushort)blockAlign);
        writer.Write((ushort)4);
        writer.Write((ushort)(2 + extra.Length));
        writer.Write((ushort)samplesPerBlock);
        writer.Write(extra);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        return stream.ToArray();
    }

    private static byte[] SetU16(byte[] file, int offset, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(offset), value);
        return file;
    }

    /// <summary>Sets a byte of the data chunk's payload (a block header's field).</summary>
    private static byte[] SetDataByte(byte[] file, int index, byte value)
    {
        file[20 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16)) + 8 + index] = value;
        return file;
    }

    /// <summary>Interleaved 16-bit samples averaged over the channels, full scale 1.0 (the decoder's own mix-down).</summary>
    private static float[] MixDown(short[] interleaved, int channels)
    {
        var mono = new float[interleaved.Length / channels];
        float scale = 1f / (32768f * channels);
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += interleaved[(i * channels) + c];
            }

            mono[i] = sum * scale;
        }

        return mono;
    }
}
