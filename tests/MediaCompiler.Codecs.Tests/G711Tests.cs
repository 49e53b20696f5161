using MediaCompiler.Codecs.Encodings;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests;

public class G711Tests
{
    [Theory]
    [InlineData((short)0, 0xFF)]
    [InlineData((short)-1, 0x7F)]
    [InlineData(short.MaxValue, 0x80)]
    [InlineData(short.MinValue, 0x00)]
    [InlineData((short)1000, 0xCE)]
    public void MuLaw_encodes_ITU_reference_code_words(short sample, int code) =>
        Assert.Equal((byte)code, G711MuLaw.Encode(sample));

    [Theory]
    // The standard mu-law decoding table (ITU-T G.711 Table 2a, 16-bit scaled): its first, last and segment edges.
    [InlineData(0x00, -32124)]
    [InlineData(0x01, -31100)]
    [InlineData(0x02, -30076)]
    [InlineData(0x0F, -16764)]
    [InlineData(0x70, -120)]
    [InlineData(0x7E, -8)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0xFF, 0)]
    public void MuLaw_decodes_ITU_reference_values(int code, short expected) =>
        Assert.Equal(expected, G711MuLaw.Decode((byte)code));

    [Theory]
    [InlineData((short)0, 0xD5)]
    [InlineData((short)-1, 0x55)]
    [InlineData(short.MaxValue, 0xAA)]
    [InlineData(short.MinValue, 0x2A)]
    public void ALaw_encodes_ITU_reference_code_words(short sample, int code) =>
        Assert.Equal((byte)code, G711ALaw.Encode(sample));

    [Theory]
    // The standard A-law decoding table (ITU-T G.711 Table 1a, 16-bit scaled), even bits inverted.
    [InlineData(0x00, -5504)]
    [InlineData(0x01, -5248)]
    [InlineData(0x02, -6016)]
    [InlineData(0x03, -5760)]
    [InlineData(0x55, -8)]
    [InlineData(0xD5, 8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void ALaw_decodes_ITU_reference_values(int code, short expected) =>
        Assert.Equal(expected, G711ALaw.Decode((byte)code));

    [Fact]
    public void Every_A_law_code_word_survives_decode_then_encode()
    {
        for (int code = 0; code < 256; code++)
        {
            Assert.Equal((byte)code, G711ALaw.Encode(G711ALaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void Every_mu_law_code_word_survives_decode_then_encode_except_negative_zero()
    {
        for (int code = 0; code < 256; code++)
        {
            // 0x7F (negative zero) decodes to 0, which encodes as positive zero 0xFF: the one code G.711 never emits.
            byte expected = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expected, G711MuLaw.Encode(G711MuLaw.Decode((byte)code)));
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Quantisation_is_monotonic_over_the_whole_16_bit_range(G711Law law)
    {
        var all = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
        var quantised = G711.Decode(G711.Encode(all, law), law);
        for (int i = 1; i < quantised.Length; i++)
        {
            Assert.True(quantised[i] >= quantised[i - 1], $"{law}: {all[i - 1]} -> {quantised[i - 1]} but {all[i]} -> {quantised[i]}");
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void A_sine_through_the_codec_keeps_a_telephone_grade_SNR(G711Law law)
    {
        // 1020 Hz, as in ITU test practice: a tone that divides 8 kHz evenly would test only eight sample values.
        var sine = Signals.Tone(1020, 0.5, 8000, 1);
        var decoded = G711.Decode(G711.Encode(Pcm16.FromFloats(sine), law), law).Select(Pcm16.ToFloat).ToArray();

        double snr = Measure.SnrDb(sine, decoded);

        Assert.True(snr >= 35, $"{law} SNR {snr:0.0} dB");
    }

    [Theory]
    [InlineData("ulaw", G711Law.MuLaw)]
    [InlineData("PCMU", G711Law.MuLaw)]
    [InlineData("alaw", G711Law.ALaw)]
    [InlineData(" pcma ", G711Law.ALaw)]
    public void Encoding_names_map_to_their_law(string name, G711Law expected)
    {
        Assert.True(G711.TryParseEncoding(name, out var law));
        Assert.Equal(expected, law);
    }

    [Theory]
    [InlineData("g722")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_encoding_names_are_refused(string? name) => Assert.False(G711.TryParseEncoding(name, out _));
}
