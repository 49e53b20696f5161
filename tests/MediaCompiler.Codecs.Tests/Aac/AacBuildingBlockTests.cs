using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>The decoding tables and the fast IMDCT, each checked against the definition it implements.</summary>
public class AacBuildingBlockTests
{
    public static TheoryData<int> Codebooks() => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    [Theory]
    [MemberData(nameof(Codebooks))]
    public void Every_codeword_of_the_standard_decodes_to_its_index(int codebook)
    {
        var (codes, lengths, table) = codebook == 0
            ? (AacCodebookData.ScaleFactorCodes, AacCodebookData.ScaleFactorLengths, AacCodebooks.ScaleFactor)
            : Spectral(codebook);
        for (var index = 0; index < codes.Length; index++)
        {
            // The codeword, left-aligned in a buffer, followed by ones so that a wrong length shows.
            var bits = (ulong)codes[index] << (64 - lengths[index]) | (ulong.MaxValue >> lengths[index]);
            var buffer = BitConverter.GetBytes(bits).Reverse().ToArray();
            var reader = new AacBitReader(buffer, 0, buffer.Length);

            Assert.Equal(index, table.Decode(reader));
            Assert.Equal(lengths[index], reader.Position);
        }
    }

    [Theory]
    [InlineData(256)]
    [InlineData(2048)]
    public void The_fast_IMDCT_matches_its_definition(int windowLength)
    {
        var random = new Random(windowLength);
        var spectrum = Enumerable.Range(0, windowLength / 2).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var fast = new float[windowLength];

        new Imdct(windowLength).Transform(spectrum, fast);

        // ISO/IEC 14496-3 4.6.11.3.2: x[n] = 2/N Σ X[k] cos(2π/N (n + n0)(k + ½)), n0 = N/4 + ½.
        var n0 = (windowLength / 4.0) + 0.5;
        for (var n = 0; n < windowLength; n += 7)
        {
            var sum = 0.0;
            for (var k = 0; k < windowLength / 2; k++)
            {
                sum += spectrum[k] * Math.Cos(2 * Math.PI / windowLength * (n + n0) * (k + 0.5));
            }

            Assert.Equal(2.0 / windowLength * sum, fast[n], 1e-5);
        }
    }

    private static (uint[], byte[], AacHuffmanTable) Spectral(int number) => number switch
    {
        1 => (AacCodebookData.Spectral1Codes, AacCodebookData.Spectral1Lengths, AacCodebooks.SpectralBook(1).Table),
        2 => (AacCodebookData.Spectral2Codes, AacCodebookData.Spectral2Lengths, AacCodebooks.SpectralBook(2).Table),
        3 => (AacCodebookData.Spectral3Codes, AacCodebookData.Spectral3Lengths, AacCodebooks.SpectralBook(3).Table),
        4 => (AacCodebookData.Spectral4Codes, AacCodebookData.Spectral4Lengths, AacCodebooks.SpectralBook(4).Table),
        5 => (AacCodebookData.Spectral5Codes, AacCodebookData.Spectral5Lengths, AacCodebooks.SpectralBook(5).Table),
        6 => (AacCodebookData.Spectral6Codes, AacCodebookData.Spectral6Lengths, AacCodebooks.SpectralBook(6).Table),
        7 => (AacCodebookData.Spectral7Codes, AacCodebookData.Spectral7Lengths, AacCodebooks.SpectralBook(7).Table),
        8 => (AacCodebookData.Spectral8Codes, AacCodebookData.Spectral8Lengths, AacCodebooks.SpectralBook(8).Table),
        9 => (AacCodebookData.Spectral9Codes, AacCodebookData.Spectral9Lengths, AacCodebooks.SpectralBook(9).Table),
        10 => (AacCodebookData.Spectral10Codes, AacCodebookData.Spectral10Lengths, AacCodebooks.SpectralBook(10).Table),
        _ => (AacCodebookData.Spectral11Codes, AacCodebookData.Spectral11Lengths, AacCodebooks.SpectralBook(11).Table),
    };
}
