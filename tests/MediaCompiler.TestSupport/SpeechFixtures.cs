using System.IO.Compression;
using MediaCompiler.Audio;

namespace MediaCompiler.TestSupport;

/// <summary>
/// The speech fixtures (tests/fixtures/speech, made by build/make-speech-fixtures.sh) and ffmpeg's reference decodes
/// of them (tests/fixtures/reference, recorded by build/record-decoder-references.sh).
/// </summary>
public static class SpeechFixtures
{
    public static string Root { get; } = FindRoot();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Root, "speech", name));

    public static AudioProbeResult Probe(string name) => AudioProbe.Probe(new MemoryStream(Bytes(name), writable: false), name);

    /// <summary>ffmpeg's mono 16-bit decode of a fixture, as floats (full scale 1.0).</summary>
    public static float[] Reference(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Root, "reference", name + ".s16le.gz")), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        var bytes = raw.ToArray();
        var samples = new float[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8)) / 32768f;
        }

        return samples;
    }

    /// <summary>The sample rate the reference script recorded for a fixture (decoder-references.txt).</summary>
    public static int ReferenceRate(string name) =>
        File.ReadLines(Path.Combine(Root, "reference", "decoder-references.txt"))
            .Select(line => line.Split(' '))
            .Where(fields => fields[0] == name)
            .Select(fields => int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture))
            .Single();

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

        throw new InvalidOperationException("tests/fixtures/speech not found above the test binaries; run build/make-speech-fixtures.sh");
    }
}
