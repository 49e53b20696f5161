namespace MediaCompiler.Codecs.Decoding.Adpcm;

/// <summary>
/// One channel of IMA (DVI) ADPCM as WAVE_FORMAT_DVI_ADPCM (0x0011) stores it: 4-bit codes and the 89-step quantizer of
/// the IMA recommendation. The difference is (2·code + 1)·step / 8, computed exactly, as ffmpeg's decoder and encoder
/// do; the recommendation's reference sums the step's shifted halves instead, which truncates each term and can come
/// out a few units lower. Exact arithmetic makes the decode bit-identical to ffmpeg's (our reference in the tests).
/// </summary>
internal struct ImaAdpcm
{
    private static readonly int[] IndexTable = [-1, -1, -1, -1, 2, 4, 6, 8, -1, -1, -1, -1, 2, 4, 6, 8];

    private static readonly int[] StepTable =
    [
        7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107,
        118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876,
        963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358,
        5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086,
        29794, 32767,
    ];

    /// <summary>The highest step index a block header may carry.</summary>
    public const int MaxStepIndex = 88;

    private int _predictor;
    private int _index;

    public ImaAdpcm(short predictor, int stepIndex)
    {
        _predictor = predictor;
        _index = stepIndex;
    }

    /// <summary>The next 16-bit sample from a 4-bit code.</summary>
    public short Next(int code)
    {
        int difference = ((2 * (code & 7)) + 1) * StepTable[_index] >> 3;
        _predictor = Math.Clamp((code & 8) != 0 ? _predictor - difference : _predictor + difference, short.MinValue, short.MaxValue);
        _index = Math.Clamp(_index + IndexTable[code], 0, MaxStepIndex);
        return (short)_predictor;
    }
}
