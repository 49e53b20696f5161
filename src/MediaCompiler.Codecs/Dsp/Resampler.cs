namespace MediaCompiler.Codecs.Dsp;

/// <summary>
/// Converts between sample rates whose ratio is rational (L/M in lowest terms): conceptually upsample by L, low-pass
/// below the lower Nyquist frequency, keep every M-th sample. Only the taps that meet real input samples are computed
/// (polyphase), and the filter's delay is compensated so that output sample n is the input at time n / outputRate.
/// When L is larger than <see cref="MaxInterpolation"/> (22,254.5 Hz AIFFs of classic Macs, a 47,999 Hz WAV), the
/// filter is the one of an upsampling by <see cref="MaxInterpolation"/> and each output sample is interpolated
/// linearly between the two nearest points of that 2,048-times finer grid: at that density the interpolation's error
/// on audio below 8 kHz is under −140 dB, far below what 16-bit output resolves.
/// </summary>
public sealed class Resampler
{
    /// <summary>
    /// Above this the filter (L times longer than at the input rate) would cost too much memory: a larger L is served by
    /// a filter of this many phases and linear interpolation between them.
    /// </summary>
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

    /// <summary>The phases of the filter's grid: L, or <see cref="MaxInterpolation"/> when L is larger.</summary>
    private readonly int _gridPhases;

    private Resampler(int inputRate, int outputRate, int interpolation, int decimation, double[] taps, int gridPhases)
    {
        InputRate = inputRate;
        OutputRate = outputRate;
        Interpolation = interpolation;
        Decimation = decimation;
        _taps = taps;
        _centre = taps.Length / 2;
        _gridPhases = gridPhases;
        _phases = new float[gridPhases][];
        for (int phase = 0; phase < gridPhases; phase++)
        {
            // Upsampling by zero-stuffing spreads the energy over the grid's images; its phase count restores the level.
            _phases[phase] = Enumerable.Range(0, ((taps.Length - phase) + gridPhases - 1) / gridPhases)
                .Select(i => (float)(taps[phase + (i * gridPhases)] * gridPhases))
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

    /// <summary>The highest rate converted: above every real audio rate, and low enough for exact 64-bit positions.</summary>
    public const int MaxRate = 1_536_000;

    /// <summary>
    /// The lowest rate converted: below every real audio rate, so that a header's "1 Hz" never turns a small file into
    /// hours of output (work is bounded by the file's bytes, not by what its header claims).
    /// </summary>
    public const int MinRate = 1000;

    /// <summary>True when the engine can convert between the two rates: any two rates of real audio.</summary>
    public static bool CanConvert(int inputRate, int outputRate) =>
        inputRate is >= MinRate and <= MaxRate && outputRate is >= MinRate and <= MaxRate;

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
        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        double cutoff = nyquist * CutoffShare;
        double transition = 2 * (nyquist - cutoff);
        int gridPhases = interpolation <= MaxInterpolation ? interpolation : FineGridPhases(inputRate, transition);
        double upsampledRate = (double)inputRate * gridPhases;
        var taps = LowPassFilter.DesignKaiser(upsampledRate, cutoff, transition, StopbandDb);
        return new Resampler(inputRate, outputRate, interpolation, decimation, taps, gridPhases);
    }

    /// <summary>
    /// The finer grid's phases when L is too large: <see cref="MaxInterpolation"/>, or fewer when the input rate is so
    /// high that the filter would pass <see cref="MaxFineGridTaps"/> (its length grows with the input rate over the
    /// transition band). At such rates the grid is dense all the same: the interpolation's error stays far below
    /// 16-bit resolution.
    /// </summary>
    private static int FineGridPhases(int inputRate, double transition)
    {
        double tapsPerInputSample = ((StopbandDb - 7.95) / (2.285 * 2 * Math.PI * transition / inputRate)) + 1;
        return (int)Math.Clamp(MaxFineGridTaps / tapsPerInputSample, 1, MaxInterpolation);
    }

    /// <summary>The longest filter the finer grid designs (2 MiB of coefficients), so that time and memory stay bounded.</summary>
    private const int MaxFineGridTaps = 1 << 18;

    /// <summary>Converts a whole signal; the output holds ceil(input * L / M) samples.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        if (Interpolation == 1 && Decimation == 1)
        {
            return input.ToArray();
        }

        long outputLength = ((long)input.Length * Interpolation + Decimation - 1) / Decimation;
        var output = new float[outputLength];
        bool exact = _gridPhases == Interpolation;
        for (long n = 0; n < outputLength; n++)
        {
            if (exact)
            {
                // Output sample n sits on the upsampled grid at n * M.
                output[n] = AtGridPosition(input, n * Decimation);
                continue;
            }

            // Between two points of the finer grid: n * M * phases / L, interpolated linearly.
            long scaled = n * Decimation * _gridPhases;
            long below = scaled / Interpolation;
            float fraction = (float)(scaled % Interpolation) / Interpolation;
            float low = AtGridPosition(input, below);
            output[n] = fraction == 0 ? low : low + (fraction * (AtGridPosition(input, below + 1) - low));
        }

        return output;
    }

    /// <summary>The filtered signal at a point of the upsampled grid; the taps span centre ± _centre around it.</summary>
    private float AtGridPosition(ReadOnlySpan<float> input, long position)
    {
        int l = _gridPhases;
        long first = position - _centre;
        long firstInput = first <= 0 ? 0 : (first + l - 1) / l;
        long lastInput = Math.Min(input.Length - 1, (position + _centre) / l);
        if (lastInput < firstInput)
        {
            return 0;
        }

        // The tap meeting input[firstInput] is taps[offset], and the next inputs meet every grid-th tap after it.
        long offset = (firstInput * l) - first;
        var bank = _phases[offset % l];
        int skip = (int)(offset / l);
        int count = (int)Math.Min(lastInput - firstInput + 1, bank.Length - skip);
        return count <= 0 ? 0 : Dot(input.Slice((int)firstInput, count), bank.AsSpan(skip, count));
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
