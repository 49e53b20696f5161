using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Alac;
using MediaCompiler.Codecs.Decoding.Mp4;
using MediaCompiler.Codecs.Tests.Decoding;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// Apple Lossless in M4A (and in CAF). ALAC is lossless, so the oracle is the source itself: a signal generated here, encoded by
/// ffmpeg's ALAC encoder (a coder we did not write, and one that makes every kind of frame: predicted, verbatim for
/// noise too loud to compress, shifted-off bytes for 24-bit, partial last frames, one to six channels), must decode to
/// exactly the source's integers, channel by channel, and to their mean through the engine's decoder seam.
/// </summary>
public sealed class Mp4AlacDecoderTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("alac-");

    public void Dispose() => _temp.Delete(recursive: true);

    [FfmpegTheory]
    [InlineData(8000, 1, 16, "")]
    [InlineData(16000, 2, 16, "")]
    [InlineData(44100, 2, 16, "-compression_level 2 -max_prediction_order 30")]
    [InlineData(22050, 2, 16, "-compression_level 0")]
    [InlineData(48000, 2, 24, "")]
    [InlineData(16000, 1, 24, "-max_prediction_order 12")]
    [InlineData(16000, 3, 16, "")]
    [InlineData(16000, 6, 24, "")]
    public void Decodes_ffmpeg_encoded_alac_to_exactly_the_source(int rate, int channels, int bits, string options)
    {
        var source = Signal(rate, channels, bits, frames: (rate * 3) + 1234);   // not a multiple of 4096: a partial last frame
        var file = Encode(source, rate, channels, bits, options);

        var (config, decoded) = DecodeChannels(file);

        Assert.Equal((bits, channels, rate), (config.BitDepth, config.Channels, config.SampleRate));
        Assert.Equal(source.Length, decoded.Length);
        for (var c = 0; c < channels; c++)
        {
            Assert.Equal(source[c], decoded[c]);
        }
    }

    [FfmpegFact]
    public void The_engine_seam_gives_the_mean_of_the_channels_at_the_stream_rate_and_probes_the_configuration()
    {
        var source = Signal(16000, 2, 16, frames: 20_000);
        var file = Encode(source, 16000, 2, 16, "");
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.m4a");

        var result = PromptDecoder.Decode(file, "prompt.m4a", probe);

        Assert.Equal((AudioContainer.Mp4, "alac", 2, 16), (probe.Container, probe.Codec, probe.Channels, probe.BitsPerSample));
        Assert.True(PromptDecoder.CanDecode(probe));
        var audio = result.Audio ?? throw new Xunit.Sdk.XunitException(result.Error!.ToString());
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(20_000, audio.Samples.Length);
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            Assert.Equal((source[0][i] + source[1][i]) / 2.0 / 32768.0, audio.Samples[i], 6);
        }
    }

    /// <summary>The same packets in Apple's CAF (afconvert's container): the packet table, the cookie and the trim.</summary>
    [FfmpegTheory]
    [InlineData(8000, 1, 16)]
    [InlineData(16000, 2, 16)]
    [InlineData(44100, 2, 24)]
    public void Decodes_alac_in_caf_to_the_mean_of_the_source_channels(int rate, int channels, int bits)
    {
        var source = Signal(rate, channels, bits, frames: (rate * 2) + 777);
        var file = Encode(source, rate, channels, bits, "-f caf", "caf");
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.caf");

        var result = PromptDecoder.Decode(file, "prompt.caf", probe);

        Assert.Equal((AudioContainer.Caf, "alac", channels, bits), (probe.Container, probe.Codec, probe.Channels, probe.BitsPerSample));
        // From the packet table (ffmpeg writes it after the data, and its frames as whole packets, as ffprobe reports them).
        Assert.InRange(probe.DurationSeconds ?? 0, (double)source[0].Length / rate, (double)(source[0].Length + 4096) / rate);
        var audio = result.Audio ?? throw new Xunit.Sdk.XunitException(result.Error!.ToString());
        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal(source[0].Length, audio.Samples.Length);
        var scale = 1.0 / (1L << (bits - 1));
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            Assert.Equal(source.Average(channel => (double)channel[i]) * scale, audio.Samples[i], 6);
        }
    }

    [FfmpegTheory]
    [MemberData(nameof(Damages))]
    public void A_damaged_caf_decodes_to_audio_or_a_coded_rejection(string damage)
    {
        var file = Encode(Signal(16000, 2, 16, frames: 30_000), 16000, 2, 16, "-f caf", "caf");
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.caf");

        var result = PromptDecoder.Decode(FileDamage.Apply(file, damage), "prompt.caf", probe);

        Assert.True(result.Audio is not null ^ result.Error is not null);
        Assert.True(result.Error is null or { Code: "IVR3120" }, result.Error?.ToString());
    }

    [FfmpegFact]
    public void A_clipped_channel_is_counted_before_the_mix()
    {
        var source = Signal(16000, 2, 16, frames: 16_000);
        for (var i = 4000; i < 4100; i++)
        {
            source[0][i] = 32767;
        }

        var file = Encode(source, 16000, 2, 16, "");
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "hot.m4a");

        var audio = PromptDecoder.Decode(file, "hot.m4a", probe).Audio!;

        Assert.Equal(100, audio.Clipping!.Worst(3).Samples);
    }

    public static TheoryData<string> Damages => FileDamage.Common;

    [FfmpegTheory]
    [MemberData(nameof(Damages))]
    public void A_damaged_file_decodes_to_audio_or_a_coded_rejection(string damage)
    {
        var file = Encode(Signal(16000, 2, 16, frames: 30_000), 16000, 2, 16, "");
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.m4a");

        var result = PromptDecoder.Decode(FileDamage.Apply(file, damage), "prompt.m4a", probe);

        Assert.True(result.Audio is not null ^ result.Error is not null);
        if (result.Error is { } error)
        {
            Assert.Equal("IVR3120", error.Code);
            Assert.Contains("prompt.m4a", error.Message, StringComparison.Ordinal);
        }
    }

    [FfmpegFact]
    public void Every_flipped_byte_of_the_audio_is_a_coded_rejection_or_audio_never_an_exception()
    {
        var file = Encode(Signal(8000, 2, 16, frames: 9000), 8000, 2, 16, "");
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.m4a");
        var random = new Random(3121);
        for (var round = 0; round < 300; round++)
        {
            var damaged = (byte[])file.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            var result = PromptDecoder.Decode(damaged, "prompt.m4a", probe);

            Assert.True(result.Audio is not null ^ result.Error is not null);
            Assert.True(result.Error is null or { Code: "IVR3120" }, result.Error?.ToString());
        }
    }

    /// <summary>
    /// A packet built by hand: one channel stored verbatim (escape), a partial frame of 5 samples, after the elements a
    /// decoder must skip (Apple's syntax): a data stream (4-bit tag, align flag, 8-bit count, 8 more bits when 255) and
    /// a fill (4-bit count, when 15 an 8-bit one less one). Apple's encoder writes them only after the audio, where
    /// the decoder has stopped reading, so only a packet built by hand puts them in its way.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("data 3")]
    [InlineData("aligned-data 300")]
    [InlineData("fill 14")]
    [InlineData("fill 15")]
    [InlineData("fill 269")]
    [InlineData("fill 2 data 0 aligned-data 255")]
    public void A_verbatim_partial_packet_decodes_to_its_samples(string before)
    {
        short[] samples = [0, 1, -1, 32767, -32768];
        var writer = new BitWriter();
        var elements = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var e = 0; e < elements.Length; e += 2)
        {
            var bytes = uint.Parse(elements[e + 1], System.Globalization.CultureInfo.InvariantCulture);
            if (elements[e] == "fill")
            {
                writer.Write(6, 3);                              // fill element
                writer.Write(Math.Min(bytes, 15), 4);
                if (bytes >= 15)
                {
                    writer.Write(bytes - 15 + 1, 8);
                }
            }
            else
            {
                writer.Write(4, 3);                              // data stream element
                writer.Write(0, 4);                              // instance tag
                writer.Write(elements[e] == "aligned-data" ? 1u : 0, 1);
                writer.Write(Math.Min(bytes, 255), 8);
                if (bytes >= 255)
                {
                    writer.Write(bytes - 255, 8);
                }

                if (elements[e] == "aligned-data")
                {
                    writer.AlignToByte();
                }
            }

            for (var i = 0; i < bytes; i++)
            {
                writer.Write(0xFF, 8);                           // ones: misread as a header, they fail loudly
            }
        }

        writer.Write(0, 3);          // single channel element
        writer.Write(0, 4);          // instance tag
        writer.Write(0, 12);         // reserved
        writer.Write(0b1001, 4);     // partial frame, no shifted bytes, escape
        writer.Write((uint)samples.Length, 32);
        foreach (var sample in samples)
        {
            writer.Write((ushort)sample, 16);
        }

        writer.Write(7, 3);          // end
        var packet = writer.ToArray();
        var decoder = new AlacFrameDecoder(Config(channels: 1, bits: 16, frameLength: 4096));

        var count = decoder.Decode(packet, 0, packet.Length);

        Assert.Equal(samples.Length, count);
        Assert.Equal(samples.Select(s => (int)s), decoder.Channels[0].Take(count));
        var cut = Assert.Throws<AlacDamageException>(() => decoder.Decode(packet, 0, packet.Length - 3));
        Assert.Contains("ends before its data", cut.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 16, 2, 4096, "compatible version")]
    [InlineData(0, 12, 2, 4096, "12-bit samples")]
    [InlineData(0, 16, 0, 4096, "0 channels")]
    [InlineData(0, 16, 9, 4096, "9 channels")]
    [InlineData(0, 16, 2, 0, "frames of 0 samples")]
    [InlineData(0, 16, 2, 1 << 20, "frames of 1048576 samples")]
    public void An_impossible_configuration_is_named(byte version, byte bits, byte channels, int frameLength, string expected)
    {
        var cookie = Cookie(channels, bits, frameLength);
        cookie[4] = version;

        var error = Assert.Throws<AlacDamageException>(() => AlacConfig.Parse(cookie));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static AlacConfig Config(int channels, int bits, int frameLength) => AlacConfig.Parse(Cookie((byte)channels, (byte)bits, frameLength));

    private static byte[] Cookie(byte channels, byte bits, int frameLength)
    {
        var cookie = new byte[AlacConfig.Size];
        BinaryPrimitives.WriteUInt32BigEndian(cookie, (uint)frameLength);
        (cookie[5], cookie[6], cookie[7], cookie[8], cookie[9]) = (bits, 40, 10, 14, channels);
        BinaryPrimitives.WriteUInt32BigEndian(cookie.AsSpan(20), 16000);
        return cookie;
    }

    /// <summary>All the packets of an M4A decoded to integers, channel by channel.</summary>
    private static (AlacConfig Config, int[][] Channels) DecodeChannels(byte[] file)
    {
        var boxes = new Mp4Boxes(file);
        var track = Mp4AudioTrack.Find(boxes);
        var config = AlacConfig.Parse(track.DecoderConfig);
        var mediaData = boxes.MediaData();
        var packets = Mp4SampleTable.Read(boxes, track, int.MaxValue, mediaData);
        var decoder = new AlacFrameDecoder(config);
        var channels = Enumerable.Range(0, config.Channels).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < packets.Count; i++)
        {
            var count = decoder.Decode(file, (int)packets.Offsets[i], packets.Sizes[i]);
            for (var c = 0; c < config.Channels; c++)
            {
                channels[c].AddRange(decoder.Channels[c].Take(count));
            }
        }

        return (config, channels.Select(c => c.ToArray()).ToArray());
    }

    /// <summary>
    /// Channel-major integer samples of <paramref name="bits"/> bits: tones that differ by channel (with a common part,
    /// for the pair's mixing to find), a stretch of digital silence (the coder's zero runs), full-scale white noise (too
    /// loud to compress: verbatim frames) and a quiet noise floor. Deterministic (a fixed LCG), no System.Random.
    /// </summary>
    private static int[][] Signal(int rate, int channels, int bits, int frames)
    {
        var full = (1 << (bits - 1)) - 1;
        var state = 0x2545F491u;
        int Noise(int amplitude)
        {
            state = (state * 1664525u) + 1013904223u;
            return (int)((long)(state >> 8) * ((2L * amplitude) + 1) >> 24) - amplitude;
        }

        var signal = new int[channels][];
        for (var c = 0; c < channels; c++)
        {
            signal[c] = new int[frames];
            for (var i = 0; i < frames; i++)
            {
                var t = (double)i / rate;
                var section = i * 8 / frames;
                signal[c][i] = section switch
                {
                    2 => 0,
                    5 => Noise(full),
                    _ => (int)Math.Round(full * ((0.4 * Math.Sin(2 * Math.PI * 220 * t)) + (0.3 * Math.Sin(2 * Math.PI * (330 + (110 * c)) * t)))) + Noise(full >> 10),
                };
            }
        }

        return signal;
    }

    private byte[] Encode(int[][] source, int rate, int channels, int bits, string options, string extension = "m4a")
    {
        var wav = Path.Combine(_temp.FullName, "source.wav");
        File.WriteAllBytes(wav, PcmWav(source, rate, bits));
        var m4a = Path.Combine(_temp.FullName, "encoded." + extension);
        string[] arguments = ["-i", wav, "-c:a", "alac", "-sample_fmt", bits == 16 ? "s16p" : "s32p",
            .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), m4a];
        Ffmpeg.Run(arguments);
        return File.ReadAllBytes(m4a);
    }

    /// <summary>A little-endian PCM WAV of 16 or 24-bit samples (WAVE_FORMAT_EXTENSIBLE beyond two channels).</summary>
    private static byte[] PcmWav(int[][] channels, int rate, int bits)
    {
        var bytesPerSample = bits / 8;
        var frames = channels[0].Length;
        var data = new byte[frames * channels.Length * bytesPerSample];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels.Length; c++)
            {
                var at = ((i * channels.Length) + c) * bytesPerSample;
                for (var b = 0; b < bytesPerSample; b++)
                {
                    data[at + b] = (byte)(channels[c][i] >> (8 * b));
                }
            }
        }

        var extensible = channels.Length > 2;
        var format = new byte[extensible ? 40 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(format, (ushort)(extensible ? 0xFFFE : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), (ushort)channels.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(8), (uint)(rate * channels.Length * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), (ushort)(channels.Length * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(16), 22);
            BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(18), (ushort)bits);
            BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(20), channels.Length == 3 ? 0x7u : 0x3Fu);
            BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(24), 1);   // KSDATAFORMAT_SUBTYPE_PCM
            new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 }.CopyTo(format, 26);
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + format.Length + 8 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(format.Length);
        writer.Write(format);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bit;

        public void Write(uint value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                if (_bit == 0)
                {
                    _bytes.Add(0);
                }

                _bytes[^1] |= (byte)(((value >> i) & 1) << (7 - _bit));
                _bit = (_bit + 1) & 7;
            }
        }

        public void AlignToByte() => _bit = 0;

        public byte[] ToArray() => [.. _bytes];
    }
}
