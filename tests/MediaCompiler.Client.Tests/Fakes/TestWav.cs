using MediaCompiler.TestSupport;

namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>Builds small 16-bit PCM WAV files (a tone), valid or not by the engine's rules depending on the rate.</summary>
internal static class TestWav
{
    public static byte[] Tone(int sampleRate = 8000, short channels = 1, double seconds = 0.25, double frequency = 440) =>
        WavWriter.Pcm16(Tones.Sine(frequency, seconds, sampleRate, channels: channels), sampleRate, channels);
}
