using MediaCompiler.TestSupport;
using MediaCompiler.Codecs.Encodings;
using NAudio.Codecs;

namespace MediaCompiler.Codecs.Tests.CodecReference;

/// <summary>
/// G.711 against independent references: the G.191 STL algorithm (transcribed in <see cref="G191StlG711"/>) over all
/// 65,536 16-bit inputs; the published decoder tables (<see cref="G711ReferenceTables"/>) and NAudio's decoders over
/// all 256 code words.
/// </summary>
public sealed class G711BitExactTests
{
    private static readonly short[] AllInputs = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();

    private static readonly short[] AllCodes = Enumerable.Range(0, 256).Select(v => (short)v).ToArray();

    [Fact]
    public void MuLaw_encoding_equals_the_STL_ulaw_compress_for_every_16_bit_input()
    {
        var reference = new short[AllInputs.Length];
        G191StlG711.UlawCompress(AllInputs.Length, AllInputs, reference);

        var ours = G711.Encode(AllInputs, G711Law.MuLaw);

        var differing = AllInputs.Where((_, i) => ours[i] != reference[i]).Take(5).ToArray();
        Assert.True(differing.Length == 0, $"differs from the STL at inputs {string.Join(", ", differing)}");
    }

    [Fact]
    public void ALaw_encoding_equals_the_STL_alaw_compress_for_every_16_bit_input()
    {
        var reference = new short[AllInputs.Length];
        G191StlG711.AlawCompress(AllInputs.Length, AllInputs, reference);

        var ours = G711.Encode(AllInputs, G711Law.ALaw);

        var differing = AllInputs.Where((_, i) => ours[i] != reference[i]).Take(5).ToArray();
        Assert.True(differing.Length == 0, $"differs from the STL at inputs {string.Join(", ", differing)}");
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Decoding_equals_the_STL_expand_the_published_table_and_NAudio_for_every_code_word(G711Law law)
    {
        var stl = new short[256];
        if (law == G711Law.MuLaw)
        {
            G191StlG711.UlawExpand(256, AllCodes, stl);
        }
        else
        {
            G191StlG711.AlawExpand(256, AllCodes, stl);
        }

        var table = law == G711Law.MuLaw ? G711ReferenceTables.MuLawDecoded : G711ReferenceTables.ALawDecoded;
        for (int code = 0; code < 256; code++)
        {
            short ours = G711.Decode([(byte)code], law)[0];
            short naudio = law == G711Law.MuLaw ? MuLawDecoder.MuLawToLinearSample((byte)code) : ALawDecoder.ALawToLinearSample((byte)code);
            // NAudio decodes mu-law's "negative zero" (0x7F) as -1 where G.711 and the STL give 0: one step of 8 away.
            short naudioExpected = law == G711Law.MuLaw && code == 0x7F ? (short)-1 : ours;
            Assert.True((ours, ours, naudioExpected) == (table[code], stl[code], naudio),
                $"{law} code 0x{code:X2}: ours {ours}, table {table[code]}, STL {stl[code]}, NAudio {naudio}");
        }
    }

    [Fact]
    public void The_classic_bias_rendition_differs_from_the_STL_only_on_negative_inputs()
    {
        // Why the encoder was rewritten: negating (rather than one's complement) moves negative segment-edge inputs
        // to the next code word. NAudio's encoder is that classic rendition: the STL transcription must tell them apart.
        var reference = new short[AllInputs.Length];
        G191StlG711.UlawCompress(AllInputs.Length, AllInputs, reference);

        var differing = AllInputs.Where((x, i) => MuLawEncoder.LinearToMuLawSample(x) != (byte)reference[i]).ToArray();

        Assert.InRange(differing.Length, 100, 200);
        Assert.All(differing, x => Assert.True(x < 0, $"input {x}"));
    }
}
