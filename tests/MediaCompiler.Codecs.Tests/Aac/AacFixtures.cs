namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// The AAC fixtures of tests/fixtures/aac (made by build/make-aac-fixtures.sh): ADTS streams from ffmpeg's encoder
/// and the 16-bit PCM that ffmpeg and FAAD2 decode them to.
/// </summary>
internal static class AacFixtures
{
    private static readonly Lazy<string> DirectoryPath = new(Locate);

    public static string PathOf(string fileName) => Path.Combine(DirectoryPath.Value, fileName);

    public static byte[] Stream(string name) => File.ReadAllBytes(PathOf(name + ".aac"));

    /// <summary>Interleaved reference samples scaled to [-1, 1).</summary>
    public static float[] Reference(string name, string decoder)
    {
        var bytes = File.ReadAllBytes(PathOf($"{name}.{decoder}.s16"));
        var samples = new float[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8)) / 32768f;
        }

        return samples;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "aac");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/aac not found above the test binaries; run build/make-aac-fixtures.sh");
    }
}
