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

    /// <summary>
    /// Speech-like tones and a chirp with decaying clicks on top (onsets that make every transform codec switch to
    /// short blocks), interleaved when <paramref name="channels"/> is 2; the right channel then carries another signal,
    /// so that mid and side both hold audio and a lost or swapped channel shows.
    /// </summary>
    public static float[] SpeechWithClicks(int sampleRate, int channels, double seconds)
    {
        var left = Speechlike(sampleRate, seconds, 0.5);
        for (var click = sampleRate / 4; click + 40 < left.Length; click += sampleRate / 3)
        {
            for (var n = 0; n < 40; n++)
            {
                left[click + n] += 0.3f * (n % 2 == 0 ? 1 : -1) * (1 - (n / 40f));
            }
        }

        if (channels == 1)
        {
            return left;
        }

        var right = Sample(t => 0.3 * Math.Sin(2 * Math.PI * (520 + (400 * Math.Sin(2 * Math.PI * 2 * t))) * t), sampleRate, seconds);
        var interleaved = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[(2 * i) + 1] = (0.6f * right[i]) + (0.2f * left[i]);
        }

        return interleaved;
    }

    /// <summary>
    /// <paramref name="channels"/> interleaved channels (3 or more), each its own blend of the two signals of
    /// <see cref="SpeechWithClicks"/>: a lost, doubled or swapped channel changes any mix of them.
    /// </summary>
    public static float[] Surround(int sampleRate, int channels, double seconds)
    {
        var stereo = SpeechWithClicks(sampleRate, 2, seconds);
        var frames = stereo.Length / 2;
        var interleaved = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                var weight = (float)c / (channels - 1);
                interleaved[(i * channels) + c] = 0.8f * (((1 - weight) * stereo[2 * i]) + (weight * stereo[(2 * i) + 1]));
            }
        }

        return interleaved;
    }

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
