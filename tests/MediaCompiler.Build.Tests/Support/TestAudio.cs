using MediaCompiler.TestSupport;

namespace MediaCompiler.Build.Tests.Support;

/// <summary>Writes small, valid prompts (8 kHz 16-bit mono PCM WAV tones) and broken files for tests.</summary>
public static class TestAudio
{
    /// <summary>A tone; different <paramref name="frequency"/> values give different bytes (and content hashes).</summary>
    public static string WriteTone(string path, double frequency = 440, double seconds = 0.5, int sampleRate = 8000) =>
        Tones.WriteFile(path, frequency, seconds, sampleRate);

    /// <summary>Valid headers, all-zero samples: passes validation, and the engine rejects it when compiling (IVR3005).</summary>
    public static string WriteSilence(string path) => WriteTone(path, frequency: 0);

    /// <summary>A file named .wav that holds text: every validator must refuse it.</summary>
    public static string WriteNotAudio(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, "this is not audio, whatever the extension says");
        return path;
    }
}
