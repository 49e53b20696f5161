using System.Buffers.Binary;

namespace MediaCompiler.Build.Tests.Support;

/// <summary>Writes small, valid prompts (8 kHz 16-bit mono PCM WAV tones) and broken files for tests.</summary>
public static class TestAudio
{
    /// <summary>A tone; different <paramref name="frequency"/> values give different bytes (and content hashes).</summary>
    public static string WriteTone(string path, double frequency = 440, double seconds = 0.5, int sampleRate = 8000)
    {
        var samples = (int)(sampleRate * seconds);
        var data = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * 8000);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), value);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + data.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1);          // PCM
        writer.Write((short)1);          // mono
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);    // byte rate
        writer.Write((short)2);          // block align
        writer.Write((short)16);         // bits per sample
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        return path;
    }

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
