namespace MediaCompiler.Codecs.Dsp;

/// <summary>
/// Converts between sample rates whose ratio is rational (L/M in lowest terms): conceptually upsample by L, low-pass
/// below the lower Nyquist frequency, keep every M-th sample. Only the taps that meet real input samples are computed
/// (polyphase), and the filter's delay is compensated so that output sample n is the input at time n / outputRate.
/// </summary>
public sealed class Resampler
{
    /// <summary>Above this the filter (L times longer than at the input rate) would cost too much memory.</summary>
    public const int MaxInterpolation = 2048;

    /// <summary>The -6 dB cutoff as a share of the lower Nyquist frequency (3.6 kHz for 8 kHz output).</summary>
    private const double CutoffShare = 0.9;

    /// <summary>
    /// Design stopband attenuation of the anti-aliasing filter: 100 dB by Kaiser's formula, so that the measured
    /// attenuation (a little under the design value at the stopband edge) stays above 90 dB, beyond what 16-bit
    /// input and G.711 output can resolve.
    /// </summary>
    public const double StopbandDb = 100;

    private readonly double[] _taps;
    private readonly int _centre;

    /// <summary>
    /// The filter split into its L phases (taps[phase + i*L] at bank[phase][i]), in float and scaled by L: each output
    /// sample is then one contiguous dot product with the input, which vectorises.
    /// </summary>
    private readonly float[][] _phases;

    private Resampler(int inputRate, int outputRate, int interpolation, int decimation, double[] taps)
    {
        InputRate = inputRate;
        OutputRate = outputRate;
        Interpolation = interpolation;
        Decimation = decimation;
        _taps = taps;
        _centre = taps.Length / 2;
        _phases = new float[interpolation][];
        for (int phase = 0; phase < interpolation; phase++)
        {
            // Upsampling by zero-stuffing spreads the energy over L images; the gain L restores the level.
            _phases[phase] = Enumerable.Range(0, ((taps.Length - phase) + interpolation - 1) / interpolation)
                .Select(i => (float)(taps[phase + (i * interpolation)] * interpolation))
                .ToArray();
        }
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    /// <summary>L: the upsampling factor.</summary>
    public int Interpolation { get; }

    /// <summary>M: the downsampling factor.</summary>
    public int Decimation { get; }

    /// <summary>Number of taps of the anti-aliasing filter (at the upsampled rate).</summary>
    public int FilterLength => _taps.Length;

    /// <summary>True when the engine can convert between the two rates (their ratio is simple enough).</summary>
    public static bool CanConvert(int inputRate, int outputRate) =>
        inputRate > 0 && outputRate > 0 && outputRate / Gcd(inputRate, outputRate) <= MaxInterpolation;

    /// <summary>
    /// A resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/>. Its low-pass filter's -6 dB
    /// point is 90% of the lower Nyquist frequency, the stopband (≥ 90 dB measured) starts at that Nyquist frequency.
    /// </summary>
    public static Resampler Create(int inputRate, int outputRate)
    {
        if (!CanConvert(inputRate, outputRate))
        {
            throw new ArgumentOutOfRangeException(nameof(inputRate), $"Cannot convert {inputRate} Hz to {outputRate} Hz.");
        }

        int gcd = Gcd(inputRate, outputRate);
        int interpolation = outputRate / gcd;
        int decimation = inputRate / gcd;
        double upsampledRate = (double)inputRate * interpolation;
        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        double cutoff = nyquist * CutoffShare;
        double transition = 2 * (nyquist - cutoff);
        var taps = LowPassFilter.DesignKaiser(upsampledRate, cutoff, transition, StopbandDb);
        return new Resampler(inputRate, outputRate, interpolation, decimation, taps);
    }

    /// <summary>Converts a whole signal; the output holds ceil(input * L / M) samples.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        if (Interpolation == 1 && Decimation == 1)
        {
            return input.ToArray();
        }

        long outputLength = ((long)input.Length * Interpolation + Decimation - 1) / Decimation;
        var output = new float[outputLength];
        int l = Interpolation;
        for (long n = 0; n < outputLength; n++)
        {
            // Position of this output sample on the upsampled grid; the taps span centre ± _centre around it.
            long position = n * Decimation;
            long first = position - _centre;
            long firstInput = first <= 0 ? 0 : (first + l - 1) / l;
            long lastInput = Math.Min(input.Length - 1, (position + _centre) / l);
            if (lastInput < firstInput)
            {
                continue;
            }

            // The tap meeting input[firstInput] is taps[offset], and the next inputs meet every L-th tap after it.
            long offset = (firstInput * l) - first;
            var bank = _phases[offset % l];
            int skip = (int)(offset / l);
            int count = (int)Math.Min(lastInput - firstInput + 1, bank.Length - skip);
            output[n] = Dot(input.Slice((int)firstInput, count), bank.AsSpan(skip, count));
        }

        return output;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = System.Numerics.Vector<float>.Count;
        var sums = System.Numerics.Vector<float>.Zero;
        int i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sums += new System.Numerics.Vector<float>(a.Slice(i, width)) * new System.Numerics.Vector<float>(b.Slice(i, width));
        }

        float sum = System.Numerics.Vector.Sum(sums);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
