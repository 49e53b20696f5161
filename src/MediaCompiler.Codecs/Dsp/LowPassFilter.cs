namespace MediaCompiler.Codecs.Dsp;

/// <summary>
/// Designs linear-phase low-pass FIR filters by the window method: an ideal (sinc) low-pass shaped by a Kaiser
/// window, whose beta and length follow from the stopband attenuation and transition width (Kaiser's formulas).
/// </summary>
public static class LowPassFilter
{
    /// <summary>
    /// The taps (odd count, symmetric, DC gain 1) of a low-pass filter at <paramref name="sampleRate"/> whose -6 dB
    /// point is <paramref name="cutoffHz"/>, with the transition band <paramref name="transitionHz"/> wide centred on
    /// it, and at least <paramref name="stopbandDb"/> of attenuation beyond.
    /// </summary>
    public static double[] DesignKaiser(double sampleRate, double cutoffHz, double transitionHz, double stopbandDb)
    {
        if (sampleRate <= 0 || cutoffHz <= 0 || cutoffHz >= sampleRate / 2 || transitionHz <= 0 || stopbandDb <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffHz), "The cutoff must lie between 0 and half the sample rate, with a positive transition and attenuation.");
        }

        double beta = KaiserBeta(stopbandDb);
        double deltaOmega = 2 * Math.PI * transitionHz / sampleRate;
        int length = (int)Math.Ceiling((stopbandDb - 7.95) / (2.285 * deltaOmega)) + 1;
        length = Math.Max(length, 3) | 1; // odd, so that the centre tap sits on a sample and the delay is whole

        double normalizedCutoff = cutoffHz / sampleRate;
        int centre = length / 2;
        double i0Beta = BesselI0(beta);
        var taps = new double[length];
        double sum = 0;
        for (int n = 0; n < length; n++)
        {
            int k = n - centre;
            double ideal = k == 0 ? 2 * normalizedCutoff : Math.Sin(2 * Math.PI * normalizedCutoff * k) / (Math.PI * k);
            double ratio = (double)k / centre;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (ratio * ratio)))) / i0Beta;
            taps[n] = ideal * window;
            sum += taps[n];
        }

        for (int n = 0; n < length; n++)
        {
            taps[n] /= sum;
        }

        return taps;
    }

    /// <summary>Kaiser's empirical beta for a stopband attenuation in dB.</summary>
    public static double KaiserBeta(double stopbandDb) => stopbandDb switch
    {
        > 50 => 0.1102 * (stopbandDb - 8.7),
        >= 21 => (0.5842 * Math.Pow(stopbandDb - 21, 0.4)) + (0.07886 * (stopbandDb - 21)),
        _ => 0,
    };

    /// <summary>The zeroth-order modified Bessel function of the first kind, by its power series.</summary>
    public static double BesselI0(double x)
    {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; k < 200; k++)
        {
            term *= halfX / k;
            double squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
