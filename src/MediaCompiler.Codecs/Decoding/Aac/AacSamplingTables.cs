namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// The per-sampling-rate tables of ISO/IEC 14496-3: the sampling frequency index (Table 1.18), the scale factor band
/// offsets for long (1024) and short (128) windows (Tables 4.129-4.147), and the TNS maximum band for AAC-LC
/// (Table 4.156). Rates that share a table in the standard share an array here; index 12 (7350 Hz, added to the
/// standard later) uses the 8000 Hz tables.
/// </summary>
internal static class AacSamplingTables
{
    public static readonly int[] SampleRates =
        [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    private static readonly int[] Long96 =
    [
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 64, 72, 80, 88, 96, 108, 120, 132, 144, 156, 172, 188,
        212, 240, 276, 320, 384, 448, 512, 576, 640, 704, 768, 832, 896, 960, 1024,
    ];

    private static readonly int[] Long64 =
    [
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 64, 72, 80, 88, 100, 112, 124, 140, 156, 172, 192, 216,
        240, 268, 304, 344, 384, 424, 464, 504, 544, 584, 624, 664, 704, 744, 784, 824, 864, 904, 944, 984, 1024,
    ];

    private static readonly int[] Long48 =
    [
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 48, 56, 64, 72, 80, 88, 96, 108, 120, 132, 144, 160, 176, 196, 216, 240,
        264, 292, 320, 352, 384, 416, 448, 480, 512, 544, 576, 608, 640, 672, 704, 736, 768, 800, 832, 864, 896, 928, 1024,
    ];

    private static readonly int[] Long32 =
    [
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 48, 56, 64, 72, 80, 88, 96, 108, 120, 132, 144, 160, 176, 196, 216, 240,
        264, 292, 320, 352, 384, 416, 448, 480, 512, 544, 576, 608, 640, 672, 704, 736, 768, 800, 832, 864, 896, 928, 960,
        992, 1024,
    ];

    private static readonly int[] Long24 =
    [
        0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 52, 60, 68, 76, 84, 92, 100, 108, 116, 124, 136, 148, 160, 172, 188,
        204, 220, 240, 260, 284, 308, 336, 364, 396, 432, 468, 508, 552, 600, 652, 704, 768, 832, 896, 960, 1024,
    ];

    private static readonly int[] Long16 =
    [
        0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 100, 112, 124, 136, 148, 160, 172, 184, 196, 212, 228, 244, 260,
        280, 300, 320, 344, 368, 396, 424, 456, 492, 532, 572, 616, 664, 716, 772, 832, 896, 960, 1024,
    ];

    private static readonly int[] Long8 =
    [
        0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120, 132, 144, 156, 172, 188, 204, 220, 236, 252, 268, 288, 308, 328,
        348, 372, 396, 420, 448, 476, 508, 544, 580, 620, 664, 712, 764, 820, 880, 944, 1024,
    ];

    private static readonly int[] Short96 = [0, 4, 8, 12, 16, 20, 24, 32, 40, 48, 64, 92, 128];

    private static readonly int[] Short48 = [0, 4, 8, 12, 16, 20, 28, 36, 44, 56, 68, 80, 96, 112, 128];

    private static readonly int[] Short24 = [0, 4, 8, 12, 16, 20, 24, 28, 36, 44, 52, 64, 76, 92, 108, 128];

    private static readonly int[] Short16 = [0, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 60, 72, 88, 108, 128];

    private static readonly int[] Short8 = [0, 4, 8, 12, 16, 20, 24, 28, 36, 44, 52, 60, 72, 88, 108, 128];

    private static readonly int[][] LongBySampleRate =
        [Long96, Long96, Long64, Long48, Long48, Long32, Long24, Long24, Long16, Long16, Long16, Long8, Long8];

    private static readonly int[][] ShortBySampleRate =
        [Short96, Short96, Short96, Short48, Short48, Short48, Short24, Short24, Short16, Short16, Short16, Short8, Short8];

    private static readonly int[] TnsMaxBandsLong = [31, 31, 34, 40, 42, 51, 46, 46, 42, 42, 42, 39, 39];

    private static readonly int[] TnsMaxBandsShort = [9, 9, 10, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14];

    /// <summary>Band edges (one more entry than bands) for the index's long or short windows.</summary>
    public static int[] BandOffsets(int sampleRateIndex, bool shortWindows) =>
        shortWindows ? ShortBySampleRate[sampleRateIndex] : LongBySampleRate[sampleRateIndex];

    public static int TnsMaxBands(int sampleRateIndex, bool shortWindows) =>
        shortWindows ? TnsMaxBandsShort[sampleRateIndex] : TnsMaxBandsLong[sampleRateIndex];
}
