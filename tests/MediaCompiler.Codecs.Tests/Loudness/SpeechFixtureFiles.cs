using System.Buffers.Binary;
using System.Globalization;

namespace MediaCompiler.Codecs.Tests.Loudness;

/// <summary>The 16-bit PCM speech fixtures (tests/fixtures/speech) and the P.56 reference values recorded for them.</summary>
internal static class SpeechFixtureFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>Samples of a mono 16-bit PCM WAV, full scale 1.0 (sample / 32768, as the STL's sh2fl).</summary>
    public static (float[] Samples, int SampleRate) ReadWav(string name)
    {
        var file = File.ReadAllBytes(Path.Combine(Root, "speech", name));
        int sampleRate = 0;
        for (int offset = 12; offset + 8 <= file.Length;)
        {
            string id = System.Text.Encoding.ASCII.GetString(file, offset, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 12));
            }
            else if (id == "data")
            {
                var samples = new float[Math.Min(size, file.Length - offset - 8) / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(offset + 8 + (2 * i))) / 32768f;
                }

                return (samples, sampleRate);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{name}: no data chunk");
    }

    /// <summary>One line of p56-references.txt, recorded by build/record-p56-references.sh from the C reference.</summary>
    public sealed record P56Reference(string File, int SampleRate, double LevelDbov, double ActivityFactor, double LongTermDbov, long Samples);

    public static IReadOnlyList<P56Reference> P56References() =>
        File.ReadLines(Path.Combine(Root, "reference", "p56-references.txt"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new P56Reference(f[0], Int(f[1]), Num(f[2]), Num(f[3]), Num(f[4]), long.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToList();

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Num(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(Path.Combine(candidate, "speech")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/fixtures/speech not found above the test binaries");
    }
}
