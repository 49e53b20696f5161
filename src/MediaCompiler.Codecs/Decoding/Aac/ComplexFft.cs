namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>An in-place iterative radix-2 complex FFT (forward, e^(-2πi nk/L)) of one power-of-two length.</summary>
internal sealed class ComplexFft
{
    private readonly int _length;
    private readonly int[] _bitReversed;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public ComplexFft(int length)
    {
        if (length < 2 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two.");
        }

        _length = length;
        var bits = System.Numerics.BitOperations.Log2((uint)length);
        _bitReversed = new int[length];
        for (var i = 0; i < length; i++)
        {
            var reversed = 0;
            for (var b = 0; b < bits; b++)
            {
                reversed |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReversed[i] = reversed;
        }

        _cos = new double[length / 2];
        _sin = new double[length / 2];
        for (var i = 0; i < length / 2; i++)
        {
            _cos[i] = Math.Cos(2 * Math.PI * i / length);
            _sin[i] = -Math.Sin(2 * Math.PI * i / length);
        }
    }

    public void Forward(double[] real, double[] imaginary)
    {
        for (var i = 0; i < _length; i++)
        {
            var j = _bitReversed[i];
            if (j > i)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }

        for (var size = 2; size <= _length; size <<= 1)
        {
            var half = size >> 1;
            var step = _length / size;
            for (var start = 0; start < _length; start += size)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * step];
                    var wi = _sin[k * step];
                    var a = start + k;
                    var b = a + half;
                    var tr = (real[b] * wr) - (imaginary[b] * wi);
                    var ti = (real[b] * wi) + (imaginary[b] * wr);
                    real[b] = real[a] - tr;
                    imaginary[b] = imaginary[a] - ti;
                    real[a] += tr;
                    imaginary[a] += ti;
                }
            }
        }
    }
}
