namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// The inverse MDCT of ISO/IEC 14496-3 4.6.11.3.2 (x[n] = 2/N Σ X[k] cos(2π/N (n + n0)(k + ½)), n0 = N/4 + ½),
/// computed in O(N log N): the N/2-point DCT-IV through an N/4-point complex FFT with pre- and post-twiddles, then
/// the DCT-IV output unfolded into the N-sample, time-aliased IMDCT output by its symmetries.
/// </summary>
internal sealed class Imdct
{
    private readonly int _halfLength;        // M = N/2 spectral coefficients
    private readonly double[] _preCos;
    private readonly double[] _preSin;
    private readonly double[] _postCos;
    private readonly double[] _postSin;
    private readonly ComplexFft _fft;
    private readonly double[] _real;
    private readonly double[] _imaginary;
    private readonly double[] _dct;
    private readonly double _scale;

    /// <param name="windowLength">N: 2048 for long blocks, 256 for short ones.</param>
    public Imdct(int windowLength)
    {
        _halfLength = windowLength / 2;
        var quarter = windowLength / 4;
        _preCos = new double[quarter];
        _preSin = new double[quarter];
        _postCos = new double[quarter];
        _postSin = new double[quarter];
        for (var k = 0; k < quarter; k++)
        {
            var pre = -Math.PI * (k + 0.25) / _halfLength;
            _preCos[k] = Math.Cos(pre);
            _preSin[k] = Math.Sin(pre);
            var post = -Math.PI * k / _halfLength;
            _postCos[k] = Math.Cos(post);
            _postSin[k] = Math.Sin(post);
        }

        _fft = new ComplexFft(quarter);
        _real = new double[quarter];
        _imaginary = new double[quarter];
        _dct = new double[_halfLength];
        _scale = 2.0 / windowLength;
    }

    /// <summary>Transforms <c>N/2</c> coefficients from <paramref name="spectrum"/> into <c>N</c> samples.</summary>
    public void Transform(ReadOnlySpan<float> spectrum, Span<float> output)
    {
        var m = _halfLength;
        var quarter = m / 2;

        // DCT-IV: pair even and mirrored odd coefficients into complex values and rotate them.
        for (var k = 0; k < quarter; k++)
        {
            double re = spectrum[2 * k];
            double im = spectrum[m - 1 - (2 * k)];
            _real[k] = (re * _preCos[k]) - (im * _preSin[k]);
            _imaginary[k] = (re * _preSin[k]) + (im * _preCos[k]);
        }

        _fft.Forward(_real, _imaginary);

        for (var n = 0; n < quarter; n++)
        {
            var re = (_real[n] * _postCos[n]) - (_imaginary[n] * _postSin[n]);
            var im = (_real[n] * _postSin[n]) + (_imaginary[n] * _postCos[n]);
            _dct[2 * n] = re * _scale;
            _dct[m - 1 - (2 * n)] = -im * _scale;
        }

        // Unfold: the IMDCT output is the DCT-IV output shifted by N/4 with odd and even symmetries.
        var half = m / 2;
        for (var n = 0; n < half; n++)
        {
            output[n] = (float)_dct[n + half];
        }

        for (var n = half; n < 3 * half; n++)
        {
            output[n] = (float)-_dct[(3 * half) - 1 - n];
        }

        for (var n = 3 * half; n < 2 * m; n++)
        {
            output[n] = (float)-_dct[n - (3 * half)];
        }
    }
}
