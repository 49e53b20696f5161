namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>How one spectral codebook maps a decoded index to values (ISO/IEC 14496-3, 4.6.3.2, Table 4.152).</summary>
internal sealed record SpectralCodebook(int Number, int Dimension, bool Signed, int Modulus, AacHuffmanTable Table)
{
    /// <summary>Codebook 11 escapes values of 16 to longer words.</summary>
    public bool HasEscape => Number == AacCodebooks.EscapeCodebook;
}

/// <summary>The decoding tables of the scale factor codebook and spectral codebooks 1-11, built once.</summary>
internal static class AacCodebooks
{
    public const int ZeroCodebook = 0;
    public const int EscapeCodebook = 11;
    public const int ReservedCodebook = 12;
    public const int NoiseCodebook = 13;
    public const int IntensityOutOfPhaseCodebook = 14;
    public const int IntensityInPhaseCodebook = 15;

    public static readonly AacHuffmanTable ScaleFactor =
        new(AacCodebookData.ScaleFactorCodes, AacCodebookData.ScaleFactorLengths);

    private static readonly SpectralCodebook[] Spectral =
    [
        new(1, 4, true, 3, new(AacCodebookData.Spectral1Codes, AacCodebookData.Spectral1Lengths)),
        new(2, 4, true, 3, new(AacCodebookData.Spectral2Codes, AacCodebookData.Spectral2Lengths)),
        new(3, 4, false, 3, new(AacCodebookData.Spectral3Codes, AacCodebookData.Spectral3Lengths)),
        new(4, 4, false, 3, new(AacCodebookData.Spectral4Codes, AacCodebookData.Spectral4Lengths)),
        new(5, 2, true, 9, new(AacCodebookData.Spectral5Codes, AacCodebookData.Spectral5Lengths)),
        new(6, 2, true, 9, new(AacCodebookData.Spectral6Codes, AacCodebookData.Spectral6Lengths)),
        new(7, 2, false, 8, new(AacCodebookData.Spectral7Codes, AacCodebookData.Spectral7Lengths)),
        new(8, 2, false, 8, new(AacCodebookData.Spectral8Codes, AacCodebookData.Spectral8Lengths)),
        new(9, 2, false, 13, new(AacCodebookData.Spectral9Codes, AacCodebookData.Spectral9Lengths)),
        new(10, 2, false, 13, new(AacCodebookData.Spectral10Codes, AacCodebookData.Spectral10Lengths)),
        new(11, 2, false, 17, new(AacCodebookData.Spectral11Codes, AacCodebookData.Spectral11Lengths)),
    ];

    /// <summary>The spectral codebook 1-11.</summary>
    public static SpectralCodebook SpectralBook(int number) => Spectral[number - 1];

    public static bool IsSpectral(int codebook) => codebook is >= 1 and <= EscapeCodebook;

    public static bool IsIntensity(int codebook) =>
        codebook is IntensityOutOfPhaseCodebook or IntensityInPhaseCodebook;
}
