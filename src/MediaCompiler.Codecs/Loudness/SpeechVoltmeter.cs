namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// The active speech level of ITU-T P.56 (method B), computed as the G.191 Software Tool Library's sv-p56.c does:
/// the rectified signal is smoothed twice with a 0.03 s time constant into an envelope; for each of 15 thresholds
/// c = 2^-15 .. 2^-1 (full scale 1.0) a sample counts as active while the envelope is at or above the threshold, or
/// for a 0.2 s hangover after it fell below; the active level at a threshold is the signal energy over its active
/// samples, and the active speech level is where that level exceeds its threshold by the 15.9 dB margin, found by
/// the STL's interpolation between the two thresholds that bracket the margin.
/// Samples are floats with full scale 1.0, so levels come out in dBov (0 dBov = RMS of a full-scale square wave).
/// </summary>
public sealed class SpeechVoltmeter
{
    /// <summary>Time constant of the envelope's two smoothing stages, in seconds.</summary>
    public const double TimeConstantSeconds = 0.03;

    /// <summary>How long a sample keeps counting as active after the envelope drops below a threshold, in seconds.</summary>
    public const double HangoverSeconds = 0.2;

    /// <summary>The margin M between the active level and its threshold, in dB.</summary>
    public const double MarginDb = 15.9;

    /// <summary>The number of thresholds; they are powers of two, 2^-15 up to 2^-1.</summary>
    public const int ThresholdCount = 15;

    /// <summary>The level the STL reports when there is no active speech.</summary>
    public const double NoSpeechLevelDbov = -100.0;

    /// <summary>The STL's guard against log(0).</summary>
    private const double MinLogOffset = 1.0e-20;

    /// <summary>The tolerance of the STL's interpolation, in dB.</summary>
    private const double InterpolationToleranceDb = 0.5;

    private readonly double[] _thresholds = new double[ThresholdCount];
    private readonly long[] _activity = new long[ThresholdCount];
    private readonly long[] _hangover = new long[ThresholdCount];
    private readonly long _hangoverSamples;
    private readonly double _smoothing;
    private double _sumOfSquares;
    private double _firstStage;
    private double _envelope;
    private long _count;

    public SpeechVoltmeter(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _hangoverSamples = (long)Math.Floor((HangoverSeconds * sampleRate) + 0.5);
        _smoothing = Math.Exp(-1.0 / (sampleRate * TimeConstantSeconds));
        double threshold = 0.5;
        for (int j = 1; j <= ThresholdCount; j++, threshold /= 2)
        {
            _thresholds[ThresholdCount - j] = threshold;
        }

        // Starting "in hangover already spent": silence before the first speech does not count as active.
        Array.Fill(_hangover, _hangoverSamples);
    }

    /// <summary>Measures a whole signal.</summary>
    public static P56Level Measure(ReadOnlySpan<float> samples, int sampleRate)
    {
        var meter = new SpeechVoltmeter(sampleRate);
        meter.Add(samples);
        return meter.Result();
    }

    /// <summary>Feeds samples (full scale 1.0); may be called block by block.</summary>
    public void Add(ReadOnlySpan<float> samples)
    {
        double g = _smoothing;
        foreach (float sample in samples)
        {
            double x = sample;
            _sumOfSquares += x * x;
            _firstStage = (g * _firstStage) + ((1 - g) * Math.Abs(x));
            _envelope = (g * _envelope) + ((1 - g) * _firstStage);
            for (int j = 0; j < ThresholdCount; j++)
            {
                if (_envelope >= _thresholds[j])
                {
                    _activity[j]++;
                    _hangover[j] = 0;
                }
                else if (_hangover[j] < _hangoverSamples)
                {
                    _activity[j]++;
                    _hangover[j]++;
                }
            }
        }

        _count += samples.Length;
    }

    /// <summary>The levels of everything fed so far.</summary>
    public P56Level Result()
    {
        if (_count == 0)
        {
            return new P56Level(null, 0, null);
        }

        double longTerm = 10 * Math.Log10((_sumOfSquares / _count) + MinLogOffset);
        if (_activity[0] == 0)
        {
            return new P56Level(null, 0, longTerm);
        }

        double activeDb = ActiveLevelDb(0);
        double thresholdDb = 20 * Math.Log10(_thresholds[0]);
        if (activeDb - thresholdDb < MarginDb)
        {
            // Even the lowest threshold's active level is within the margin of it: nothing stands out as speech.
            return new P56Level(null, 0, longTerm);
        }

        for (int j = 1; j < ThresholdCount; j++)
        {
            if (_activity[j] == 0)
            {
                continue;
            }

            double previousActiveDb = activeDb;
            double previousThresholdDb = thresholdDb;
            activeDb = ActiveLevelDb(j);
            thresholdDb = (20 * Math.Log10(_thresholds[j])) + MinLogOffset;
            if (activeDb - thresholdDb <= MarginDb)
            {
                double level = Interpolate(activeDb, previousActiveDb, thresholdDb, previousThresholdDb);
                return new P56Level(level, Math.Pow(10, (longTerm - level) / 10), longTerm);
            }
        }

        return new P56Level(null, 0, longTerm);
    }

    private double ActiveLevelDb(int threshold) => 10 * Math.Log10((_sumOfSquares / _activity[threshold]) + MinLogOffset);

    /// <summary>
    /// The STL's bin_interp: starting halfway between the bracketing (active level, threshold) pairs, moves the
    /// middle halfway towards the upper or lower pair until active level minus threshold is within the tolerance of
    /// the margin, relaxing the tolerance by 10% per step after 20 steps. As in STL v2.3 (2005, after Kabal), the
    /// bound on the side the middle moved away from follows it, so each step narrows the bracket.
    /// </summary>
    private static double Interpolate(double upperLevel, double lowerLevel, double upperThreshold, double lowerThreshold)
    {
        double tolerance = InterpolationToleranceDb;
        if (Math.Abs(upperLevel - upperThreshold - MarginDb) < tolerance)
        {
            return upperLevel;
        }

        if (Math.Abs(lowerLevel - lowerThreshold - MarginDb) < tolerance)
        {
            return lowerLevel;
        }

        double middleLevel = (upperLevel + lowerLevel) / 2;
        double middleThreshold = (upperThreshold + lowerThreshold) / 2;
        int iterations = 1;
        double difference;
        while (Math.Abs(difference = middleLevel - middleThreshold - MarginDb) > tolerance)
        {
            iterations++;
            if (iterations > 20)
            {
                tolerance *= 1.1;
            }

            if (difference > tolerance)
            {
                middleLevel = (upperLevel + middleLevel) / 2;
                middleThreshold = (upperThreshold + middleThreshold) / 2;
                lowerLevel = middleLevel;
                lowerThreshold = middleThreshold;
            }
            else if (difference < -tolerance)
            {
                middleLevel = (middleLevel + lowerLevel) / 2;
                middleThreshold = (middleThreshold + lowerThreshold) / 2;
                upperLevel = middleLevel;
                upperThreshold = middleThreshold;
            }
        }

        return middleLevel;
    }
}
