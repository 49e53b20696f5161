using System.Text.Json;

namespace MediaCompiler.Audio.Tests;

/// <summary>
/// The fixture corpus in tests/fixtures/audio, made by real encoders (build/make-fixtures.sh), and expected.json:
/// what ffprobe reports for each file and the verdict the prompt rules must reach.
/// </summary>
public static class FixtureCorpus
{
    private static readonly Lazy<string> DirectoryPath = new(Locate);
    private static readonly Lazy<IReadOnlyDictionary<string, FixtureExpectation>> Entries = new(Load);

    public static string Directory => DirectoryPath.Value;

    public static IReadOnlyDictionary<string, FixtureExpectation> Expected => Entries.Value;

    public static string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", "audio");
            if (File.Exists(System.IO.Path.Combine(candidate, "expected.json")))
            {
                return candidate;
            }
        }

        // Artifacts may live outside the repository (MC_ARTIFACTS); the source tree is then found from this file's project.
        var fromSource = System.IO.Path.GetFullPath(System.IO.Path.Combine(ThisDirectory(), "..", "fixtures", "audio"));
        return File.Exists(System.IO.Path.Combine(fromSource, "expected.json"))
            ? fromSource
            : throw new InvalidOperationException("tests/fixtures/audio/expected.json not found; run build/make-fixtures.sh");
    }

    private static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetDirectoryName(path)!;

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static IReadOnlyDictionary<string, FixtureExpectation> Load()
    {
        var options = SnakeCase;
        var json = File.ReadAllText(System.IO.Path.Combine(Directory, "expected.json"));
        return JsonSerializer.Deserialize<Dictionary<string, FixtureExpectation>>(json, options)!;
    }
}

public sealed record FixtureExpectation(long Size, FfprobeValues? Ffprobe, bool Accepted, string[] Codes);

public sealed record FfprobeValues(
    string? FormatName,
    string? CodecName,
    int? SampleRate,
    int? Channels,
    int? BitsPerSample,
    long? StreamBitRate,
    long? FormatBitRate,
    double? Duration,
    long? PacketBitRate = null);
