namespace MediaCompiler.Codecs.Decoding.G722;

/// <summary>
/// The ITU-T G.722 decoder (sub-band ADPCM, 64 kbit/s mode): each byte holds a 6-bit low-band and a 2-bit high-band
/// codeword, and gives two 16 kHz samples through the receive QMF. The arithmetic is the recommendation's fixed point,
/// as ffmpeg's decoder (which passes the ITU test vectors) computes it, so the samples equal ffmpeg's.
/// </summary>
internal sealed class G722
{
    private static readonly short[] InverseLog2 =
    [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ];

    private static readonly short[] HighLogFactorStep = [798, -214];

    private static readonly short[] HighInverseQuantizer = [-926, -202, 926, 202];

    private static readonly short[] LowLogFactorStep = [-60, 3042, 1198, 538, 334, 172, 58, -30, 3042, 1198, 538, 334, 172, 58, -30, -60];

    /// <summary>The 4-bit inverse quantizer: the predictor adapts on the top four bits of the low-band codeword.</summary>
    private static readonly short[] LowInverseQuantizer4 = [0, -2557, -1612, -1121, -786, -530, -323, -150, 2557, 1612, 1121, 786, 530, 323, 150, 0];

    private static readonly short[] LowInverseQuantizer6 =
    [
        -17, -17, -17, -17, -3101, -2738, -2376, -2088, -1873, -1689, -1535, -1399, -1279, -1170, -1072, -982,
        -899, -822, -750, -682, -618, -558, -501, -447, -396, -347, -300, -254, -211, -170, -130, -91,
        3101, 2738, 2376, 2088, 1873, 1689, 1535, 1399, 1279, 1170, 1072, 982, 899, 822, 750, 682,
        618, 558, 501, 447, 396, 347, 300, 254, 211, 170, 130, 91, 54, 17, -54, -17,
    ];

    /// <summary>The QMF coefficients (ITU-T G.722 table 11).</summary>
    private static readonly short[] QmfCoefficients = [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11];

    private readonly Band _low = new() { ScaleFactor = 8 };
    private readonly Band _high = new() { ScaleFactor = 2 };

    // The last 24 sub-band values the QMF reads, oldest first.
    private readonly short[] _history = new short[24];

    /// <summary>Decodes one byte into two samples.</summary>
    public (short First, short Second) Decode(byte codeword)
    {
        int high = codeword >> 6;
        int low = codeword & 0x3F;

        int reconstructedLow = Math.Clamp((_low.ScaleFactor * LowInverseQuantizer6[low] >> 10) + _low.Predictor, -16384, 16383);
        UpdateLow(_low, low >> 2);

        int highDifference = _high.ScaleFactor * HighInverseQuantizer[high] >> 10;
        int reconstructedHigh = Math.Clamp(highDifference + _high.Predictor, -16384, 16383);
        UpdateHigh(_high, highDifference, high);

        Array.Copy(_history, 2, _history, 0, 22);
        _history[22] = (short)(reconstructedLow + reconstructedHigh);
        _history[23] = (short)(reconstructedLow - reconstructedHigh);

        int first = 0;
        int second = 0;
        for (int i = 0; i < 12; i++)
        {
            second += _history[2 * i] * QmfCoefficients[i];
            first += _history[(2 * i) + 1] * QmfCoefficients[11 - i];
        }

        return (ClampToShort(first >> 11), ClampToShort(second >> 11));
    }

    private static void UpdateLow(Band band, int codeword)
    {
        AdaptPredictor(band, band.ScaleFactor * LowInverseQuantizer4[codeword] >> 10);
        band.LogFactor = (short)Math.Clamp((band.LogFactor * 127 >> 7) + LowLogFactorStep[codeword], 0, 18432);
        band.ScaleFactor = LinearScaleFactor(band.LogFactor - (8 << 11));
    }

    private static void UpdateHigh(Band band, int difference, int codeword)
    {
        AdaptPredictor(band, difference);
        band.LogFactor = (short)Math.Clamp((band.LogFactor * 127 >> 7) + HighLogFactorStep[codeword & 1], 0, 22528);
        band.ScaleFactor = LinearScaleFactor(band.LogFactor - (10 << 11));
    }

    private static short LinearScaleFactor(int logFactor)
    {
        int mantissa = InverseLog2[(logFactor >> 6) & 31];
        int shift = logFactor >> 11;
        return (short)(shift < 0 ? mantissa >> -shift : mantissa << shift);
    }

    /// <summary>The pole-zero predictor's update (G.722 blocks PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEZ, FILTEP).</summary>
    private static void AdaptPredictor(Band band, int difference)
    {
        bool negative = band.ZeroOutput + difference < 0;
        int sign0 = negative != band.PartialSign0 ? 1 : -1;
        int sign1 = negative == band.PartialSign1 ? 1 : -1;
        band.PartialSign1 = band.PartialSign0;
        band.PartialSign0 = negative;

        band.Pole1 = (short)Math.Clamp((sign0 * Math.Clamp((int)band.Pole0, -8191, 8191) >> 5) + (sign1 * 128) + (band.Pole1 * 127 >> 7), -12288, 12288);
        int limit = 15360 - band.Pole1;
        band.Pole0 = (short)Math.Clamp((-192 * sign0) + (band.Pole0 * 255 >> 8), -limit, limit);

        for (int i = 0; i < 6; i++)
        {
            int decayed = band.Zeros[i] * 255 >> 8;
            band.Zeros[i] = (short)(difference == 0 ? decayed : decayed + ((band.Differences[i] ^ difference) < 0 ? -128 : 128));
        }

        for (int i = 5; i > 0; i--)
        {
            band.Differences[i] = band.Differences[i - 1];
        }

        band.Differences[0] = ClampToShort(difference << 1);

        int zeroOutput = 0;
        for (int i = 5; i >= 0; i--)
        {
            zeroOutput += band.Zeros[i] * band.Differences[i] >> 15;
        }

        band.ZeroOutput = zeroOutput;
        int reconstructed = ClampToShort((band.Predictor + difference) << 1);
        band.Predictor = ClampToShort(zeroOutput + (band.Pole0 * reconstructed >> 15) + (band.Pole1 * band.PreviousReconstructed >> 15));
        band.PreviousReconstructed = (short)reconstructed;
    }

    private static short ClampToShort(int value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>One sub-band's adaptive state.</summary>
    private sealed class Band
    {
        public short Predictor;
        public int ZeroOutput;
        public bool PartialSign0;
        public bool PartialSign1;
        public short PreviousReconstructed;
        public short Pole0;
        public short Pole1;
        public readonly int[] Differences = new int[6];
        public readonly short[] Zeros = new short[6];
        public short LogFactor;
        public short ScaleFactor;
    }
}
