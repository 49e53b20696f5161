namespace MediaCompiler.TestSupport;

/// <summary>Synthesised test audio, defined as functions of time so that any sample rate gives the same signal.</summary>
public static class Signals
{
    public static float[] Tone(double frequency, double amplitude, int sampleRate, double seconds) =>
        Sample(t => amplitude * Math.Sin(2 * Math.PI * frequency * t), sampleRate, seconds);

    /// <summary>
    /// A speech-like test signal whose content stays below 3.2 kHz (the G.711 passband): three tones under a slow
    /// envelope plus a 200 Hz → 3 kHz chirp. Sampled at any rate it is the same signal, so the 8 kHz rendering is the
    /// ideal output of a 16 kHz → 8 kHz conversion.
    /// </summary>
    public static float[] Speechlike(int sampleRate, double seconds, double amplitude = 0.6) =>
        Sample(t => amplitude * Speechlike(t, seconds), sampleRate, seconds);

    public static float[] Sample(Func<double, double> signal, int sampleRate, double seconds)
    {
        var samples = new float[(int)Math.Round(sampleRate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)signal((double)i / sampleRate);
        }

        return samples;
    }

    private static double Speechlike(double t, double seconds)
    {
        double envelope = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 3 * t));
        double tones = (0.35 * Math.Sin(2 * Math.PI * 310 * t)) + (0.25 * Math.Sin(2 * Math.PI * 1130 * t)) + (0.15 * Math.Sin(2 * Math.PI * 2470 * t));
        // Linear chirp: instantaneous frequency f0 + (f1 - f0) t / T, phase is its integral.
        double f0 = 200, f1 = 3000;
        double chirp = 0.25 * Math.Sin(2 * Math.PI * ((f0 * t) + ((f1 - f0) * t * t / (2 * seconds))));
        return (envelope * tones) + chirp;
    }
}
