using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.ReferenceMatrix;

/// <summary>What one decode measured against its reference: alignment, lengths, and whole-file and worst-10-ms figures.</summary>
internal sealed record MatrixComparison(int Lag, int OurLength, int ReferenceLength, double SnrDb, double Ncc, double WorstWindowSnrDb, double WorstWindowNcc, double WorstAtSeconds)
{
    /// <summary>Windows quieter than −50 dBFS in the reference are not judged: there a tiny absolute difference is a large relative one.</summary>
    private const double SilentRms = 0.00316;

    public static MatrixComparison Measure(float[] ours, float[] reference, int sampleRate, int maxLag)
    {
        var (ncc, lag) = TestSupport.Measure.BestNcc(reference, ours, maxLag);
        double signal = 0, noise = 0;
        for (var n = 0; n < reference.Length; n++)
        {
            var m = n + lag;
            if (m >= 0 && m < ours.Length)
            {
                signal += reference[n] * (double)reference[n];
                var error = ours[m] - (double)reference[n];
                noise += error * error;
            }
        }

        var window = sampleRate / 100;
        (double Snr, double Ncc, double At) worst = (double.PositiveInfinity, 1, 0);
        for (var start = 0; start + window <= reference.Length; start += window)
        {
            var slice = reference.AsSpan(start, window);
            if (TestSupport.Measure.Rms(slice) < SilentRms || start + lag < 0 || start + lag + window > ours.Length)
            {
                continue;
            }

            var theirs = ours.AsSpan(start + lag, window);
            var windowSnr = TestSupport.Measure.SnrDb(slice, theirs);
            var windowNcc = TestSupport.Measure.Ncc(slice, theirs);
            worst = (Math.Min(worst.Snr, windowSnr), Math.Min(worst.Ncc, windowNcc), windowSnr < worst.Snr ? (double)start / sampleRate : worst.At);
        }

        var snr = noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
        return new MatrixComparison(lag, ours.Length, reference.Length, snr, ncc, worst.Snr, worst.Ncc, worst.At);
    }

    public override string ToString() =>
        $"lag {Lag}; ours {OurLength}, reference {ReferenceLength} samples; SNR {SnrDb:F1} dB, NCC {Ncc:F6}; " +
        $"worst 10 ms window SNR {WorstWindowSnrDb:F1} dB at {WorstAtSeconds:F3} s, worst window NCC {WorstWindowNcc:F6}";
}
