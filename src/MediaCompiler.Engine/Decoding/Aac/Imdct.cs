namespace MediaCompiler.Engine.Decoding.Aac;

/// <summary>
/// The inverse MDCT of ISO/IEC 14496-3 4.6.11.3.2 (x[n] = 2/N Σ X[k] cos(2π/N (n + n0)(k + ½)), n0 = N/4 + ½),
/// computed in O(N log N): the N/2-point DCT-IV through an N/4-point complex FFT with pre- and post-twiddles, then
/// the DCT-IV output unfolded into the N-sample, time-aliased IMDCT output by its symmetries.
/// </summary>
internal sealed class Imdct
{
    private readonly int halfLength;        // M = N/2 spectral coefficients
    private readonly double[] preCos;
    private readonly double[] preSin;
    private readonly double[] postCos;
    private readonly double[] postSin;
    private readonly ComplexFft fft;
    private readonly double[] real;
    private readonly double[] imaginary;
    private readonly double[] dct;
    private readonly double scale;

    /// <param name="windowLength">N: 2048 for long blocks, 256 for short ones.</param>
    public Imdct(int windowLength)
    {
        halfLength = windowLength / 2;
        var quarter = windowLength / 4;
        preCos = new double[quarter];
        preSin = new double[quarter];
        postCos = new double[quarter];
        postSin = new double[quarter];
        for (var k = 0; k < quarter; k++)
        {
            var pre = -Math.PI * (k + 0.25) / halfLength;
            preCos[k] = Math.Cos(pre);
            preSin[k] = Math.Sin(pre);
            var post = -Math.PI * k / halfLength;
            postCos[k] = Math.Cos(post);
            postSin[k] = Math.Sin(post);
        }

        fft = new ComplexFft(quarter);
        real = new double[quarter];
        imaginary = new double[quarter];
        dct = new double[halfLength];
        scale = 2.0 / windowLength;
    }

    /// <summary>Transforms <c>N/2</c> coefficients from <paramref name="spectrum"/> into <c>N</c> samples.</summary>
    public void Transform(ReadOnlySpan<float> spectrum, Span<float> output)
    {
        var m = halfLength;
        var quarter = m / 2;

        // DCT-IV: pair even and mirrored odd coefficients into complex values and rotate them.
        for (var k = 0; k < quarter; k++)
        {
            double re = spectrum[2 * k];
            double im = spectrum[m - 1 - (2 * k)];
            real[k] = (re * preCos[k]) - (im * preSin[k]);
            imaginary[k] = (re * preSin[k]) + (im * preCos[k]);
        }

        fft.Forward(real, imaginary);

        for (var n = 0; n < quarter; n++)
        {
            var re = (real[n] * postCos[n]) - (imaginary[n] * postSin[n]);
            var im = (real[n] * postSin[n]) + (imaginary[n] * postCos[n]);
            dct[2 * n] = re * scale;
            dct[m - 1 - (2 * n)] = -im * scale;
        }

        // Unfold: the IMDCT output is the DCT-IV output shifted by N/4 with odd and even symmetries.
        var half = m / 2;
        for (var n = 0; n < half; n++)
        {
            output[n] = (float)dct[n + half];
        }

        for (var n = half; n < 3 * half; n++)
        {
            output[n] = (float)-dct[(3 * half) - 1 - n];
        }

        for (var n = 3 * half; n < 2 * m; n++)
        {
            output[n] = (float)-dct[n - (3 * half)];
        }
    }
}
