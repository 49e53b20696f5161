using System.Buffers.Binary;
using System.Diagnostics;

namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>A fact that needs the reference FLAC tools (flac, and ffmpeg for its own encoder); skipped, saying so, without them.</summary>
public sealed class FlacToolsFactAttribute : FactAttribute
{
    public FlacToolsFactAttribute()
    {
        if (FlacReference.MissingTool is { } missing)
        {
            Skip = $"{missing} is not on the PATH: install flac and ffmpeg to run the FLAC reference tests.";
        }
    }
}

/// <inheritdoc cref="FlacToolsFactAttribute"/>
public sealed class FlacToolsTheoryAttribute : TheoryAttribute
{
    public FlacToolsTheoryAttribute()
    {
        if (FlacReference.MissingTool is { } missing)
        {
            Skip = $"{missing} is not on the PATH: install flac and ffmpeg to run the FLAC reference tests.";
        }
    }
}

/// <summary>Integer PCM: interleaved samples at a bit depth, as written to the encoder and read back from the reference decoder.</summary>
internal sealed record IntegerPcm(int[] Interleaved, int Channels, int SampleRate, int BitsPerSample);

/// <summary>
/// Makes FLAC fixtures at test time with the reference encoders (xiph's flac, ffmpeg's flac encoder) from WAV files we
/// write, and decodes them with xiph's flac: the independent oracle our decoder must match bit for bit.
/// </summary>
internal static class FlacReference
{
    public static string? MissingTool { get; } = Which("flac") is null ? "flac" : Which("ffmpeg") is null ? "ffmpeg" : null;

    /// <summary>Encodes <paramref name="pcm"/> with flac and the given options (e.g. "-8", "--lax -l 32").</summary>
    public static byte[] EncodeWithFlac(IntegerPcm pcm, params string[] options)
    {
        using var work = new WorkFolder();
        File.WriteAllBytes(work.Path("in.wav"), WriteWav(pcm));
        Run("flac", [.. options, "--silent", "--force", "-o", work.Path("out.flac"), work.Path("in.wav")]);
        return File.ReadAllBytes(work.Path("out.flac"));
    }

    /// <summary>Encodes 16- or 24-bit <paramref name="pcm"/> with ffmpeg's FLAC encoder and the given options.</summary>
    public static byte[] EncodeWithFfmpeg(IntegerPcm pcm, params string[] options)
    {
        using var work = new WorkFolder();
        File.WriteAllBytes(work.Path("in.wav"), WriteWav(pcm));
        string[] depth = pcm.BitsPerSample == 16 ? ["-sample_fmt", "s16"] : ["-sample_fmt", "s32", "-bits_per_raw_sample", "24"];
        Run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", work.Path("in.wav"), "-c:a", "flac", .. depth, .. options, work.Path("out.flac")]);
        return File.ReadAllBytes(work.Path("out.flac"));
    }

    /// <summary>xiph flac's decode of <paramref name="flac"/> (which also checks the stream's MD5).</summary>
    public static IntegerPcm DecodeWithFlac(byte[] flac)
    {
        using var work = new WorkFolder();
        File.WriteAllBytes(work.Path("in.flac"), flac);
        Run("flac", ["--decode", "--silent", "--force", "-o", work.Path("out.wav"), work.Path("in.flac")]);
        return ReadWav(File.ReadAllBytes(work.Path("out.wav")));
    }

    /// <summary>A WAVE_FORMAT_EXTENSIBLE file: whole-byte containers, samples left-justified, 8-bit unsigned.</summary>
    public static byte[] WriteWav(IntegerPcm pcm)
    {
        int container = (pcm.BitsPerSample + 7) / 8 * 8;
        int width = container / 8;
        var data = new byte[pcm.Interleaved.Length * width];
        for (int i = 0; i < pcm.Interleaved.Length; i++)
        {
            int value = pcm.Interleaved[i] << (container - pcm.BitsPerSample);
            value = width == 1 ? value + 128 : value;
            for (int b = 0; b < width; b++)
            {
                data[(i * width) + b] = (byte)(value >> (8 * b));
            }
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + 40 + 8 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(40);
        writer.Write((ushort)0xFFFE);
        writer.Write((ushort)pcm.Channels);
        writer.Write(pcm.SampleRate);
        writer.Write(pcm.SampleRate * pcm.Channels * width);
        writer.Write((ushort)(pcm.Channels * width));
        writer.Write((ushort)container);
        writer.Write((ushort)22);
        writer.Write((ushort)pcm.BitsPerSample);
        writer.Write(pcm.Channels == 1 ? 0x4 : (1 << pcm.Channels) - 1); // front centre, or the first speakers in order
        writer.Write(Convert.FromHexString("0100000000001000800000AA00389B71")); // KSDATAFORMAT_SUBTYPE_PCM
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Reads a PCM or extensible WAV as flac writes it: the valid bits of each container, sign-extended.</summary>
    public static IntegerPcm ReadWav(byte[] wav)
    {
        int offset = 12, channels = 0, rate = 0, container = 0, valid = 0;
        while (offset + 8 <= wav.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(wav, offset, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(offset + 4));
            var body = wav.AsSpan(offset + 8);
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                container = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                valid = size >= 40 ? BinaryPrimitives.ReadUInt16LittleEndian(body[18..]) : container;
            }
            else if (id == "data")
            {
                int width = container / 8;
                var samples = new int[size / width];
                for (int i = 0; i < samples.Length; i++)
                {
                    int value = 0;
                    for (int b = 0; b < width; b++)
                    {
                        value |= body[(i * width) + b] << (8 * b);
                    }

                    value = width == 1 ? value - 128 : (value << (32 - container)) >> (32 - container);
                    samples[i] = value >> (container - valid);
                }

                return new IntegerPcm(samples, channels, rate, valid);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException("the reference decoder's WAV has no data chunk");
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {errors}{output.Result}");
        }
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private sealed class WorkFolder : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("flac-test-").FullName;

        public string Path(string name) => System.IO.Path.Combine(_root, name);

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
