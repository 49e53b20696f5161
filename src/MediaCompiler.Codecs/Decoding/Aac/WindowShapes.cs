namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// The rising halves of the AAC windows (ISO/IEC 14496-3 4.6.11.3.2): sine and Kaiser-Bessel-derived, for long
/// (2048) and short (256) blocks. The falling half of a window is its rising half read backwards.
/// </summary>
internal static class WindowShapes
{
    public const int SineShape = 0;
    public const int KbdShape = 1;

    private const double KbdAlphaLong = 4;
    private const double KbdAlphaShort = 6;

    private static readonly float[][] Long = [Sine(2048), KaiserBesselDerived(2048, KbdAlphaLong)];
    private static readonly float[][] Short = [Sine(256), KaiserBesselDerived(256, KbdAlphaShort)];

    /// <summary>The rising half (N/2 values) of the window of the given shape (0 sine, 1 KBD).</summary>
    public static float[] RisingHalf(int shape, bool shortWindow) => shortWindow ? Short[shape] : Long[shape];

    private static float[] Sine(int length)
    {
        var half = new float[length / 2];
        for (var n = 0; n < half.Length; n++)
        {
            half[n] = (float)Math.Sin(Math.PI / length * (n + 0.5));
        }

        return half;
    }

    private static float[] KaiserBesselDerived(int length, double alpha)
    {
        var quarter = length / 4.0;
        var kernel = new double[(length / 2) + 1];
        for (var n = 0; n < kernel.Length; n++)
        {
            var ratio = (n - quarter) / quarter;
            kernel[n] = BesselI0(Math.PI * alpha * Math.Sqrt(1.0 - (ratio * ratio)));
        }

        var total = kernel.Sum();
        var half = new float[length / 2];
        var running = 0.0;
        for (var n = 0; n < half.Length; n++)
        {
            running += kernel[n];
            half[n] = (float)Math.Sqrt(running / total);
        }

        return half;
    }

    /// <summary>The modified Bessel function of the first kind, order zero, by its power series.</summary>
    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var quarterSquare = x * x / 4;
        for (var k = 1; k < 50; k++)
        {
            term *= quarterSquare / (k * k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
