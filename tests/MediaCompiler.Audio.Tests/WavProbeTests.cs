using MediaCompiler.Audio.Tests.Builders;
using static MediaCompiler.Audio.Tests.Builders.WavBuilder;

namespace MediaCompiler.Audio.Tests;

public class WavProbeTests
{
    private static readonly byte[] Pcm16Mono8k = Fmt(1, 1, 8000, 16);

    [Fact]
    public void Chunks_in_any_order_with_odd_sizes_and_pad_bytes_are_walked()
    {
        // An odd 3-byte chunk is followed by its pad byte; if the pad were ignored, 'fmt ' would be read one byte off.
        var file = Riff(Chunk("JUNK", new byte[27]), Chunk("odd ", [1, 2, 3]), Chunk("data", Samples(800)),
            Chunk("LIST", "INFOISFT"u8.ToArray()), Chunk("bext", new byte[601]), Chunk("fmt ", Pcm16Mono8k));

        var probe = InMemory.Probe(file, "a.wav");

        Assert.Empty(probe.Diagnostics);
        Assert.Equal(("pcm_s16le", 8000, 1, 16), (probe.Codec, probe.SampleRate, probe.Channels, probe.BitsPerSample));
        Assert.Equal(12 + 8 + 28 + 8 + 4 + 8, probe.AudioDataOffset);
        Assert.Equal(800, probe.AudioDataBytes);
        Assert.Equal(0.05, probe.DurationSeconds!.Value, 6);
        Assert.Equal(128_000, probe.Bitrate);
    }

    [Fact]
    public void The_data_offset_is_exact_so_a_decoder_reads_the_first_sample()
    {
        var samples = Samples(16);
        var file = Riff(Chunk("fmt ", Pcm16Mono8k), Chunk("fact", new byte[4]), Chunk("data", samples));

        var probe = InMemory.Probe(file, "a.wav");

        Assert.Equal(samples, file.AsSpan((int)probe.AudioDataOffset!.Value, (int)probe.AudioDataBytes!.Value).ToArray());
    }

    [Theory]
    [InlineData(nameof(PcmSubFormat), 16, "pcm_s16le", true)]
    [InlineData(nameof(FloatSubFormat), 32, "pcm_f32le", false)]
    [InlineData(nameof(AmbisonicSubFormat), 16, "unknown(extensible)", false)]
    public void Extensible_formats_resolve_through_their_sub_format_guid(string guid, ushort bits, string codec, bool accepted)
    {
        var subFormat = (byte[])typeof(WavBuilder).GetField(guid)!.GetValue(null)!;
        var file = Riff(Chunk("fmt ", Extensible(1, 16000, bits, subFormat)), Chunk("data", Samples(64)));

        var validation = InMemory.Validate(file, "ext.wav");

        Assert.Equal(codec, validation.Probe.Codec);
        Assert.Equal(accepted, validation.IsValid);
        Assert.Equal(accepted ? [] : ["IVR1105"], validation.Codes());
    }

    [Fact]
    public void An_extensible_fmt_cut_before_its_guid_is_invalid()
    {
        var cut = Extensible(1, 8000, 16, PcmSubFormat)[..24];
        var probe = InMemory.Probe(Riff(Chunk("fmt ", cut), Chunk("data", Samples(64))), "a.wav");

        Assert.Equal(["IVR1006"], probe.Codes());
    }

    [Theory]
    [InlineData(0x0002, 4, "adpcm_ms", "Microsoft ADPCM")]
    [InlineData(0x0011, 4, "adpcm_ima", "IMA ADPCM")]
    [InlineData(0x0031, 0, "gsm_ms", "GSM 6.10")]
    [InlineData(0x0064, 4, "g726", "G.726 ADPCM")]
    [InlineData(0x028F, 4, "g722", "G.722 ADPCM")]
    [InlineData(0x0055, 0, "mp3", "MPEG Layer III")]
    [InlineData(0x0050, 0, "mp2", "MPEG Layer I/II")]
    [InlineData(0x0003, 32, "pcm_f32le", "32-bit IEEE float")]
    [InlineData(0x0001, 24, "pcm_s24le", "24-bit linear PCM")]
    [InlineData(0x0001, 8, "pcm_u8", "8-bit unsigned linear PCM")]
    [InlineData(0x1234, 16, "unknown(0x1234)", "an unknown WAVE format (tag 0x1234)")]
    public void Rejected_encodings_are_named(int tag, int bits, string codec, string description)
    {
        var file = Riff(Chunk("fmt ", Fmt((ushort)tag, 1, 8000, (ushort)bits)), Chunk("data", Samples(100)));

        var validation = InMemory.Validate(file, "x.wav");

        Assert.Equal(codec, validation.Probe.Codec);
        var diagnostic = Assert.Single(validation.Diagnostics);
        Assert.Equal("IVR1105", diagnostic.Code);
        Assert.Contains(description, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("ffmpeg -i \"x.wav\" -ar 8000 -ac 1 -c:a pcm_s16le", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0006, 8, "alaw", true)]
    [InlineData(0x0007, 8, "mulaw", true)]
    [InlineData(0x0007, 16, "mulaw", false)]
    [InlineData(0x0001, 16, "pcm_s16le", true)]
    public void G711_is_accepted_only_at_8_bits(int tag, int bits, string codec, bool accepted)
    {
        var validation = InMemory.Validate(Riff(Chunk("fmt ", Fmt((ushort)tag, 1, 8000, (ushort)bits)), Chunk("data", Samples(100))), "x.wav");

        Assert.Equal(codec, validation.Probe.Codec);
        Assert.Equal(accepted, validation.IsValid);
    }

    [Fact]
    public void Rifx_is_big_endian_throughout()
    {
        var file = Rifx(Chunk("fmt ", Fmt(1, 1, 16000, 16, bigEndian: true), bigEndian: true), Chunk("data", Samples(320), bigEndian: true));

        var validation = InMemory.Validate(file, "x.wav");

        Assert.Equal(AudioContainer.Rifx, validation.Probe.Container);
        Assert.True(validation.Probe.BigEndian);
        Assert.Equal(("pcm_s16be", 16000, 320L), (validation.Probe.Codec, validation.Probe.SampleRate, validation.Probe.AudioDataBytes));
        Assert.True(validation.IsValid);
    }

    [Fact]
    public void Rf64_takes_the_data_size_from_ds64()
    {
        var file = Rf64(Ds64(0, 1000, 500), Chunk("fmt ", Pcm16Mono8k), Chunk("data", Samples(1000), declaredSize: 0xFFFFFFFF));

        var probe = InMemory.Probe(file, "x.wav");

        Assert.Equal(AudioContainer.Rf64, probe.Container);
        Assert.Empty(probe.Diagnostics);
        Assert.Equal(1000, probe.AudioDataBytes);
    }

    [Fact]
    public void A_data_chunk_claiming_more_than_the_file_holds_is_truncation()
    {
        var file = Riff(Chunk("fmt ", Pcm16Mono8k), Chunk("data", Samples(100), declaredSize: 5000));

        var probe = InMemory.Probe(file, "x.wav");

        Assert.Equal(["IVR1005"], probe.Codes());
        Assert.Equal(100, probe.AudioDataBytes);
        Assert.Contains("5,000", probe.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_chunks_and_empty_data_are_errors()
    {
        Assert.Equal(["IVR1007"], InMemory.Probe(Riff(Chunk("fmt ", Pcm16Mono8k)), "x.wav").Codes());
        Assert.Equal(["IVR1006"], InMemory.Probe(Riff(Chunk("data", Samples(10))), "x.wav").Codes());
        Assert.Equal(["IVR1008"], InMemory.Probe(Riff(Chunk("fmt ", Pcm16Mono8k), Chunk("data", [])), "x.wav").Codes());
        Assert.Equal(["IVR1006", "IVR1007"], InMemory.Probe(Riff(), "x.wav").Codes());
    }

    [Fact]
    public void A_fmt_chunk_cut_by_the_end_of_the_file_is_reported()
    {
        var file = Riff(Chunk("fmt ", Pcm16Mono8k))[..30];

        // The RIFF header promised more: the file was cut before its data chunk (IVR1005), inside its fmt chunk (IVR1006).
        Assert.Equal(["IVR1005", "IVR1006"], InMemory.Probe(file, "x.wav").Codes());
    }

    /// <summary>
    /// A writer that leaves out the pad byte after an odd-sized chunk puts every later chunk a byte early. ffmpeg
    /// refuses such a file ("no 'data' tag found"), so we do too, but say what is wrong instead of "no data chunk".
    /// </summary>
    [Fact]
    public void An_odd_chunk_without_its_pad_byte_is_named()
    {
        byte[] list = [.. "INFOINAM"u8, 5, 0, 0, 0, .. "menu\0"u8]; // 17 bytes
        byte[] unpadded = [.. Chunk("LIST", list)[..^1]];
        var file = Riff(Chunk("fmt ", Pcm16Mono8k), unpadded, Chunk("data", Samples(8)));

        var probe = InMemory.Probe(file, "x.wav");

        var error = Assert.Single(probe.Diagnostics);
        Assert.Equal("IVR1010", error.Code);
        Assert.Contains("its 'LIST' chunk has an odd size (17 bytes) and no pad byte after it", error.Message);
        Assert.Contains("the 'data' chunk after it starts a byte early", error.Message);
        Assert.Empty(InMemory.Probe(Riff(Chunk("fmt ", Pcm16Mono8k), Chunk("LIST", list), Chunk("data", Samples(8))), "x.wav").Diagnostics);
    }

    [Fact]
    public void Garbage_where_a_chunk_header_should_be_stops_the_walk()
    {
        var file = Riff(Chunk("fmt ", Pcm16Mono8k), [0x00, 0x01, 0xFF, 0x10, 1, 0, 0, 0], Chunk("data", Samples(8)));

        Assert.Equal(["IVR1007"], InMemory.Probe(file, "x.wav").Codes());
    }

    [Fact]
    public void Compressed_durations_come_from_the_fact_chunk()
    {
        var fact = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(fact, 4000);
        var file = Riff(Chunk("fmt ", Fmt(0x0031, 1, 8000, 0)), Chunk("fact", fact), Chunk("data", Samples(65)));

        Assert.Equal(0.5, InMemory.Probe(file, "x.wav").DurationSeconds);
    }

    /// <summary>
    /// A PCM header whose nBlockAlign (1) and byte rate (8,000) disagree with its 16-bit mono samples, as some recorders
    /// write them: the duration and bitrate are those of the samples the decoder reads (two bytes each), as ffprobe's.
    /// </summary>
    [Fact]
    public void Pcm_duration_follows_the_sample_size_not_a_wrong_block_align()
    {
        var fmt = Pcm16Mono8k.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), 8000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 1);
        var file = Riff(Chunk("fmt ", fmt), Chunk("data", Samples(800)));

        var probe = InMemory.Probe(file, "x.wav");

        Assert.Equal(0.05, probe.DurationSeconds!.Value, 6);
        Assert.Equal(128_000, probe.Bitrate);
    }

    [Fact]
    public void A_fmt_with_zero_channels_is_an_invalid_header()
    {
        var file = Riff(Chunk("fmt ", Fmt(1, 0, 8000, 16)), Chunk("data", Samples(8)));

        Assert.Contains("IVR1010", InMemory.Probe(file, "x.wav").Codes());
    }
}
