using System.Reflection;
using System.Text;

namespace MediaCompiler.Cli.Tests;

/// <summary>A temporary folder per test class, with helpers that write small audio files into it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "ivr-media-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// The peak of a sine whose ITU-T P.56 level is the -26 dBov quality target (a steady sine is fully active, and its
    /// RMS is peak/√2 against the full-scale square wave's 1): √2 · 10^(-26/20) ≈ 0.0709.
    /// </summary>
    public static readonly double TargetLevelAmplitude = Math.Sqrt(2) * Math.Pow(10, -26 / 20.0);

    /// <summary>
    /// Writes a canonical PCM WAV (RIFF, fmt, data) of a 440 Hz tone (by default at the -26 dBov speech-level target,
    /// so that it passes the quality checks; silence is rejected, IVR3005) and returns its full path. 8-bit is
    /// unsigned, 16-bit and wider signed, as WAV stores them.
    /// </summary>
    public string Wav(string relative, int sampleRate = 8000, int channels = 1, int bitsPerSample = 16, double seconds = 0.5, double? amplitude = null)
    {
        var blockAlign = channels * bitsPerSample / 8;
        var dataBytes = (int)(sampleRate * seconds) * blockAlign;
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            w.Write("RIFF"u8);
            w.Write(36 + dataBytes);
            w.Write("WAVE"u8);
            w.Write("fmt "u8);
            w.Write(16);
            w.Write((short)1); // WAVE_FORMAT_PCM
            w.Write((short)channels);
            w.Write(sampleRate);
            w.Write(sampleRate * blockAlign);
            w.Write((short)blockAlign);
            w.Write((short)bitsPerSample);
            w.Write("data"u8);
            w.Write(dataBytes);
            w.Write(Tone(sampleRate, channels, bitsPerSample, dataBytes / blockAlign, amplitude ?? TargetLevelAmplitude));
        }

        return Bytes(relative, stream.ToArray());
    }

    /// <summary>Writes mono 16-bit PCM samples (full scale ±1, clamped as a converter would) as a canonical WAV.</summary>
    public string Pcm16(string relative, IReadOnlyList<double> samples, int sampleRate = 8000)
    {
        var dataBytes = samples.Count * 2;
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            w.Write("RIFF"u8);
            w.Write(36 + dataBytes);
            w.Write("WAVE"u8);
            w.Write("fmt "u8);
            w.Write(16);
            w.Write((short)1);
            w.Write((short)1);
            w.Write(sampleRate);
            w.Write(sampleRate * 2);
            w.Write((short)2);
            w.Write((short)16);
            w.Write("data"u8);
            w.Write(dataBytes);
            foreach (var sample in samples)
            {
                w.Write((short)Math.Round(Math.Clamp(sample * 32768, short.MinValue, short.MaxValue)));
            }
        }

        return Bytes(relative, stream.ToArray());
    }

    private static byte[] Tone(int sampleRate, int channels, int bitsPerSample, int frames, double amplitude)
    {
        var bytesPerSample = bitsPerSample / 8;
        var data = new byte[frames * channels * bytesPerSample];
        for (var frame = 0; frame < frames; frame++)
        {
            var value = amplitude * Math.Sin(2 * Math.PI * 440 * frame / sampleRate);
            for (var channel = 0; channel < channels; channel++)
            {
                var at = ((frame * channels) + channel) * bytesPerSample;
                if (bytesPerSample == 1)
                {
                    data[at] = (byte)(128 + (int)(value * 127));
                    continue;
                }

                // The top two bytes carry the value; lower bytes of 24/32-bit samples stay 0.
                var sample = (short)(value * short.MaxValue);
                data[at + bytesPerSample - 2] = (byte)sample;
                data[at + bytesPerSample - 1] = (byte)(sample >> 8);
            }
        }

        return data;
    }

    public string Bytes(string relative, byte[] content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over clean-up.
        }
    }
}

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Of(colour: false, args);

    public static CliRun Of(bool colour, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error, colour);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

public static class Repository
{
    /// <summary>The repository root, baked in at build time because build output may live outside it (MC_ARTIFACTS).</summary>
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
