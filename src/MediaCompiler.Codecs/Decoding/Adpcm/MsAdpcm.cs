namespace MediaCompiler.Codecs.Decoding.Adpcm;

/// <summary>
/// One channel of Microsoft ADPCM (WAVE_FORMAT_ADPCM, 0x0002): each sample predicted from the two before it by a
/// coefficient pair the block header chooses, corrected by a signed 4-bit code times an adaptive step (Microsoft's
/// reference arithmetic: the prediction divided by 256, the step scaled by 1/256 and kept at 16 or more).
/// </summary>
internal struct MsAdpcm
{
    private static readonly int[] Adaptation = [230, 230, 230, 230, 307, 409, 512, 614, 768, 614, 512, 409, 307, 230, 230, 230];

    /// <summary>The seven pairs every Microsoft ADPCM file carries (a file may list more after them).</summary>
    public static readonly (short First, short Second)[] StandardCoefficients =
        [(256, 0), (512, -256), (0, 0), (192, 64), (240, 0), (460, -208), (392, -232)];

    /// <summary>What ffmpeg caps the step at: beyond it the step times a code would overflow 32 bits.</summary>
    private const int MaxStep = int.MaxValue / 768;

    private readonly int _coefficient1;
    private readonly int _coefficient2;
    private int _step;
    private int _sample1;
    private int _sample2;

    public MsAdpcm((short First, short Second) coefficients, short step, short sample1, short sample2)
    {
        (_coefficient1, _coefficient2) = coefficients;
        _step = step;
        _sample1 = sample1;
        _sample2 = sample2;
    }

    /// <summary>The next 16-bit sample from a 4-bit code (two's complement: 8..15 are -8..-1).</summary>
    public short Next(int code)
    {
        long prediction = (((long)_sample1 * _coefficient1) + ((long)_sample2 * _coefficient2)) / 256;
        int signed = code >= 8 ? code - 16 : code;
        var sample = (int)Math.Clamp(prediction + ((long)signed * _step), short.MinValue, short.MaxValue);
        _sample2 = _sample1;
        _sample1 = sample;
        _step = (int)Math.Min(Math.Max((long)Adaptation[code] * _step / 256, 16), MaxStep);
        return (short)sample;
    }
}
