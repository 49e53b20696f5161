namespace MediaCompiler.Engine.Decoding.Aac;

/// <summary>An in-place iterative radix-2 complex FFT (forward, e^(-2πi nk/L)) of one power-of-two length.</summary>
internal sealed class ComplexFft
{
    private readonly int length;
    private readonly int[] bitReversed;
    private readonly double[] cos;
    private readonly double[] sin;

    public ComplexFft(int length)
    {
        if (length < 2 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two.");
        }

        this.length = length;
        var bits = System.Numerics.BitOperations.Log2((uint)length);
        bitReversed = new int[length];
        for (var i = 0; i < length; i++)
        {
            var reversed = 0;
            for (var b = 0; b < bits; b++)
            {
                reversed |= ((i >> b) & 1) << (bits - 1 - b);
            }

            bitReversed[i] = reversed;
        }

        cos = new double[length / 2];
        sin = new double[length / 2];
        for (var i = 0; i < length / 2; i++)
        {
            cos[i] = Math.Cos(2 * Math.PI * i / length);
            sin[i] = -Math.Sin(2 * Math.PI * i / length);
        }
    }

    public void Forward(double[] real, double[] imaginary)
    {
        for (var i = 0; i < length; i++)
        {
            var j = bitReversed[i];
            if (j > i)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }

        for (var size = 2; size <= length; size <<= 1)
        {
            var half = size >> 1;
            var step = length / size;
            for (var start = 0; start < length; start += size)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = cos[k * step];
                    var wi = sin[k * step];
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
