using MediaCompiler.TestSupport;

namespace MediaCompiler.Genesys.Tests;

/// <summary>Small RIFF/WAVE sine tones (the shared test writer), so every prompt has its own bytes.</summary>
internal static class TestWav
{
    public static byte[] Sine(double frequency, int sampleRate = 8000, int channels = 1, double seconds = 0.2) =>
        WavWriter.Pcm16(Tones.Sine(frequency, seconds, sampleRate, amplitude: 8000, channels), sampleRate, channels);
}
