using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Alac;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// Apple Lossless as Apple's own encoder writes it (the open-source ALAC codec behind afconvert and Music; the files of
/// tests/fixtures/alac, made by build/make-alac-fixtures.sh): 16, 20, 24 and 32-bit, one, two and six channels, and
/// packets followed by the fill and data-stream elements of Apple's decoder test (ffmpeg cannot decode those files).
/// ALAC is lossless, so the oracle is each file's source WAV: every channel must decode to exactly its integers.
/// </summary>
public sealed class AppleAlacEncoderTests
{
    [Theory]
    [InlineData("s16_8000_1", 16, 1)]
    [InlineData("s16_16000_2", 16, 2)]
    [InlineData("s16_16000_2_fill", 16, 2)]
    [InlineData("s20_16000_1", 20, 1)]
    [InlineData("s20_16000_2", 20, 2)]
    [InlineData("s24_16000_2", 24, 2)]
    [InlineData("s32_16000_1", 32, 1)]
    [InlineData("s32_16000_2", 32, 2)]
    [InlineData("s16_16000_6", 16, 6)]
    public void Decodes_apple_encoded_alac_to_exactly_the_source(string name, int bits, int channels)
    {
        var (source, rate) = SourceChannels(name, bits, channels);

        var (config, decoded) = DecodeChannels(File.ReadAllBytes(PathOf(name + ".caf")));

        Assert.Equal((bits, channels, rate), (config.BitDepth, config.Channels, config.SampleRate));
        // Apple's 5.1 elements are C, L R, Ls Rs, LFE; the decoder gives WAV order (L R C LFE Ls Rs).
        int[] order = channels == 6 ? [1, 2, 0, 5, 3, 4] : [.. Enumerable.Range(0, channels)];
        for (var c = 0; c < channels; c++)
        {
            Assert.Equal(source[order[c]], decoded[c]);
        }
    }

    /// <summary>The engine's seam: the probe's configuration from the CAF, the trimmed length, the mean of the channels.</summary>
    [Theory]
    [InlineData("s16_16000_2_fill", 16, 2)]
    [InlineData("s20_16000_2", 20, 2)]
    [InlineData("s32_16000_1", 32, 1)]
    public void The_engine_decodes_them_to_the_mean_of_the_source_channels(string name, int bits, int channels)
    {
        var (source, rate) = SourceChannels(name, bits, channels);
        var file = File.ReadAllBytes(PathOf(name + ".caf"));
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), name + ".caf");

        var result = PromptDecoder.Decode(file, name + ".caf", probe);

        Assert.Equal((AudioContainer.Caf, "alac", channels, bits), (probe.Container, probe.Codec, probe.Channels, probe.BitsPerSample));
        Assert.Equal((double)source[0].Length / rate, probe.DurationSeconds ?? 0, 3);
        var audio = result.Audio ?? throw new Xunit.Sdk.XunitException(result.Error!.ToString());
        Assert.Equal(source[0].Length, audio.Samples.Length);
        var scale = 1.0 / (1L << (bits - 1));
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            // Within a float's precision: 32-bit samples keep 24 bits of it.
            Assert.Equal(source.Average(channel => (double)channel[i]) * scale, audio.Samples[i], 1e-7);
        }
    }

    private static string PathOf(string fileName) => Path.Combine(SpeechFixtures.Root, "alac", fileName);

    /// <summary>The source WAV (plain PCM, 44-byte header, as the script writes it) as integers of <paramref name="bits"/> bits, channel by channel.</summary>
    private static (int[][] Channels, int Rate) SourceChannels(string name, int bits, int channels)
    {
        var wav = File.ReadAllBytes(PathOf(name + ".wav"));
        Assert.Equal(channels, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22)));
        Assert.Equal(bits, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
        var width = (bits + 7) / 8;
        var frames = (wav.Length - 44) / (width * channels);
        var source = new int[channels][];
        for (var c = 0; c < channels; c++)
        {
            source[c] = new int[frames];
            for (var i = 0; i < frames; i++)
            {
                var at = 44 + (((i * channels) + c) * width);
                var value = 0;
                for (var b = 0; b < width; b++)
                {
                    value |= wav[at + b] << (8 * (b + 4 - width));   // into the top bytes of an int: its sign comes along
                }

                source[c][i] = value >> (32 - bits);   // a 20-bit sample is left-justified in its 3 bytes
            }
        }

        return (source, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
    }

    /// <summary>
    /// Every packet of a CAF decoded to integers, channel by channel, trimmed to the packet table's valid frames. The
    /// chunks are found here, apart from the decoder's own reader: 'kuki' (the config), 'pakt' (sizes), 'data'.
    /// </summary>
    private static (AlacConfig Config, int[][] Channels) DecodeChannels(byte[] file)
    {
        var chunks = new Dictionary<string, (int Start, int Length)>();
        for (var at = 8; at + 12 <= file.Length;)
        {
            var size = BinaryPrimitives.ReadInt64BigEndian(file.AsSpan(at + 4));
            var length = size < 0 ? file.Length - at - 12 : (int)size;
            chunks[System.Text.Encoding.ASCII.GetString(file, at, 4)] = (at + 12, length);
            at += 12 + length;
        }

        // Apple's utility writes the bare ALACSpecificConfig (then, beyond two channels, a channel layout).
        var config = AlacConfig.Parse(file.AsSpan(chunks["kuki"].Start, AlacConfig.Size));
        var pakt = chunks["pakt"];
        var packets = BinaryPrimitives.ReadInt64BigEndian(file.AsSpan(pakt.Start));
        var validFrames = BinaryPrimitives.ReadInt64BigEndian(file.AsSpan(pakt.Start + 8));
        var decoder = new AlacFrameDecoder(config);
        var channels = Enumerable.Range(0, config.Channels).Select(_ => new List<int>()).ToArray();
        var sizeAt = pakt.Start + 24;
        var offset = chunks["data"].Start + 4;   // after the edit count
        for (var p = 0; p < packets; p++)
        {
            var packetSize = 0;
            do
            {
                packetSize = (packetSize << 7) | (file[sizeAt] & 0x7F);
            }
            while ((file[sizeAt++] & 0x80) != 0);

            var count = decoder.Decode(file, offset, packetSize);
            for (var c = 0; c < config.Channels; c++)
            {
                channels[c].AddRange(decoder.Channels[c].Take(count));
            }

            offset += packetSize;
        }

        return (config, channels.Select(c => c.Take((int)validFrames).ToArray()).ToArray());
    }
}
