namespace MediaCompiler.TestSupport;

/// <summary>Test signals.</summary>
public static class Tones
{
    /// <summary>A sine as 16-bit samples (amplitude in sample units), interleaved over <paramref name="channels"/>.</summary>
    public static short[] Sine(double frequency, double seconds, int sampleRate, double amplitude = 8000, int channels = 1)
    {
        var frames = (int)(sampleRate * seconds);
        var samples = new short[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * amplitude);
            for (var c = 0; c < channels; c++)
            {
                samples[(i * channels) + c] = value;
            }
        }
        return samples;
    }

    /// <summary>Writes an 8 kHz-style PCM tone file (creating folders) and returns its path.</summary>
    public static string WriteFile(string path, double frequency, double seconds, int sampleRate)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, WavWriter.Pcm16(Sine(frequency, seconds, sampleRate), sampleRate));
        return path;
    }
}
