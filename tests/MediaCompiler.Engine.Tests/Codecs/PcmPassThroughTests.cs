using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests.CodecReference;

/// <summary>
/// With normalizeVolume off, an 8 kHz PCM prompt reaches the G.711 encoder sample for sample: the compiled code words
/// equal the STL encoder's code words of the file's own samples (no resampling, gain or dither on the way).
/// </summary>
public sealed class PcmPassThroughTests
{
    private readonly AssetCompiler _compiler = new(ffmpegPath: null, TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public async Task Every_16_bit_value_at_8kHz_is_encoded_exactly_as_the_STL_encodes_it(G711Law law)
    {
        // Every 16-bit value once, shuffled so the signal is not a ramp (a ramp is fine too; shuffling spreads the level).
        var samples = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
        new Random(11).Shuffle(samples);
        var wav = PcmWav.Write16(samples, 8000);

        var codes = await CompileToCodes(wav, law);

        Assert.Equal(StlEncode(samples, law), codes);
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public async Task Every_8_bit_value_at_8kHz_is_encoded_as_its_16_bit_equivalent(G711Law law)
    {
        var bytes = Enumerable.Range(0, 256).SelectMany(_ => Enumerable.Range(0, 256)).Select(v => (byte)v).ToArray();
        new Random(5).Shuffle(bytes);
        var wav = PcmWav.Write8(bytes, 8000);

        var codes = await CompileToCodes(wav, law);

        // Unsigned 8-bit PCM is offset by 128; its 16-bit equivalent is (b - 128) << 8.
        Assert.Equal(StlEncode(bytes.Select(b => (short)((b - 128) << 8)).ToArray(), law), codes);
    }

    private async Task<byte[]> CompileToCodes(byte[] wav, G711Law law)
    {
        var compiled = await _compiler.CompileAsync(wav, "prompt.wav", law, normalizeVolume: false, stripMetadata: true, CancellationToken.None);
        Assert.True(compiled.Wav is not null, compiled.Error?.ToString());
        return TestWav.Parse(compiled.Wav).Data;
    }

    private static byte[] StlEncode(short[] samples, G711Law law)
    {
        var codes = new short[samples.Length];
        if (law == G711Law.MuLaw)
        {
            G191StlG711.UlawCompress(samples.Length, samples, codes);
        }
        else
        {
            G191StlG711.AlawCompress(samples.Length, samples, codes);
        }

        return codes.Select(c => (byte)c).ToArray();
    }
}
