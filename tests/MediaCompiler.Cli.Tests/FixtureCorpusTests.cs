using System.Text.Json;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// The committed fixture corpus through the CLI's JSON: every file's verdict and codes as expected.json records them,
/// and the measured fields as ffprobe read them when the corpus was made.
/// </summary>
public sealed class FixtureCorpusTests
{
    private static readonly string Corpus = Path.Combine(Repository.Root, "tests", "fixtures", "audio");

    [Fact]
    public void Validate_json_over_the_corpus_agrees_with_expected_json()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "expected.json"))).RootElement;

        // expected.json records the header verdicts; the quality warnings on top are checked below.
        var run = CliRun.Of("validate", "--json", "--no-quality", Corpus);

        var reports = JsonDocument.Parse(run.Output).RootElement.EnumerateArray()
            .ToDictionary(r => Path.GetFileName(r.GetProperty("path").GetString()!));
        var anyRejected = false;
        foreach (var entry in expected.EnumerateObject())
        {
            if (!reports.TryGetValue(entry.Name, out var report))
            {
                // The folder walk picks up prompt extensions only (prompt_16k_mono.flac is not one).
                Assert.DoesNotContain(Path.GetExtension(entry.Name).ToLowerInvariant(), new[] { ".wav", ".mp3", ".aac", ".ogg" });
                continue;
            }

            var accepted = entry.Value.GetProperty("accepted").GetBoolean();
            anyRejected |= !accepted;
            Assert.True(accepted == report.GetProperty("ok").GetBoolean(), $"{entry.Name}: ok should be {accepted}");

            var expectedCodes = entry.Value.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).Order().ToArray();
            var reportedCodes = report.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).Distinct().Order().ToArray();
            Assert.True(expectedCodes.SequenceEqual(reportedCodes), $"{entry.Name}: codes [{string.Join(",", reportedCodes)}], expected [{string.Join(",", expectedCodes)}]");

            Assert.Equal(entry.Value.GetProperty("size").GetInt64(), report.GetProperty("sizeBytes").GetInt64());
            // ffprobe gives Opus's decoding rate (always 48 kHz), the probe the rate the stream was made from.
            if (accepted
                && entry.Value.TryGetProperty("ffprobe", out var ffprobe)
                && ffprobe.TryGetProperty("codec_name", out var codec) && codec.GetString() != "opus"
                && ffprobe.TryGetProperty("sample_rate", out var rate) && rate.ValueKind == JsonValueKind.Number)
            {
                Assert.True(rate.GetInt32() == report.GetProperty("sampleRate").GetInt32(), $"{entry.Name}: sampleRate");
            }
        }

        Assert.Equal(anyRejected ? 1 : 0, run.ExitCode);
    }

    [Fact]
    public void With_quality_checks_the_corpus_keeps_its_verdicts_and_every_accepted_file_is_measured()
    {
        var errorsOnly = Reports(CliRun.Of("validate", "--json", "--no-quality", Corpus));
        var withQuality = Reports(CliRun.Of("validate", "--json", Corpus));

        Assert.Equal(errorsOnly.Keys.Order(), withQuality.Keys.Order());
        foreach (var (name, report) in withQuality)
        {
            var before = errorsOnly[name];
            var ok = report.GetProperty("ok").GetBoolean();
            Assert.True(before.GetProperty("ok").GetBoolean() == ok, $"{name}: the quality checks changed the verdict");
            var added = Codes(report).Except(Codes(before)).ToList();
            Assert.True(added.All(c => c.StartsWith("IVR16", StringComparison.Ordinal)), $"{name}: added [{string.Join(",", added)}]");
            // Every accepted format decodes in-process, so every accepted prompt has its loudness measured.
            if (ok)
            {
                Assert.True(report.GetProperty("loudness").ValueKind == JsonValueKind.Object, $"{name}: loudness not measured");
            }
        }
    }

    private static Dictionary<string, JsonElement> Reports(CliRun run) =>
        JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToDictionary(r => Path.GetFileName(r.GetProperty("path").GetString()!));

    private static List<string> Codes(JsonElement report) =>
        report.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();
}
