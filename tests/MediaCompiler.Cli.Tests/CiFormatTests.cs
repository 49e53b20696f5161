using System.Text.Json;
using System.Text.RegularExpressions;

namespace MediaCompiler.Cli.Tests;

/// <summary>The formats CI reads: problem-matcher lines, SARIF 2.1.0, probe --json, one code.</summary>
public sealed partial class CiFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Error_lines_match_the_msbuild_problem_matcher()
    {
        var path = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);

        var run = CliRun.Of("validate", path);

        var matches = run.OutputLines.Select(l => MsCompile().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(2, matches.Count);
        Assert.All(matches, m => Assert.Equal(path, m.Groups["file"].Value));
        Assert.All(matches, m => Assert.Equal("1,1", m.Groups["location"].Value));
        Assert.All(matches, m => Assert.Equal("error", m.Groups["severity"].Value));
        Assert.Equal(["IVR1103", "IVR1104"], matches.Select(m => m.Groups["code"].Value).Order());
    }

    /// <summary>The problem matcher the package and the repository ship (GitHub Actions format), read as CI reads it.</summary>
    internal static Regex ShippedMatcher()
    {
        var path = Path.Combine(Repository.Root, "src", "MediaCompiler.Build", "build", "ivr-media-problem-matcher.json");
        var pattern = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("problemMatcher")[0].GetProperty("pattern")[0];
        Assert.Equal(1, pattern.GetProperty("file").GetInt32());
        Assert.Equal(4, pattern.GetProperty("severity").GetInt32());
        Assert.Equal(5, pattern.GetProperty("code").GetInt32());
        Assert.Equal(6, pattern.GetProperty("message").GetInt32());
        return new Regex(pattern.GetProperty("regexp").GetString()!, RegexOptions.CultureInvariant);
    }

    [Fact]
    public void The_shipped_problem_matcher_matches_every_diagnostic_line_of_a_validate_run_and_nothing_else()
    {
        _temp.Wav("music.wav", sampleRate: 44100, channels: 2);
        _temp.Wav("bad name.wav", sampleRate: 8000, seconds: 2, amplitude: 0.3);
        _temp.Wav("quiet.wav", sampleRate: 8000, seconds: 2, amplitude: 0.001);
        _temp.Wav("good.wav", sampleRate: 8000, seconds: 2, amplitude: 0.05);
        var matcher = ShippedMatcher();

        var run = CliRun.Of("validate", _temp.Root);

        // A diagnostic line is one that says "error IVR####" or "warning IVR####": found without the matcher.
        var diagnostics = run.OutputLines.Where(l => DiagnosticWords().IsMatch(l)).ToArray();
        Assert.True(diagnostics.Length >= 4, run.Output);
        foreach (var line in diagnostics)
        {
            var match = matcher.Match(line);
            Assert.True(match.Success, "not matched: " + line);
            Assert.True(File.Exists(match.Groups[1].Value), "file group is not the file: " + match.Groups[1].Value);
            Assert.Equal(DiagnosticWords().Match(line).Groups["severity"].Value, match.Groups[4].Value);
            Assert.Equal(DiagnosticWords().Match(line).Groups["code"].Value, match.Groups[5].Value);
            Assert.False(string.IsNullOrWhiteSpace(match.Groups[6].Value));
        }
        // And no other line becomes an annotation (the per-file header, the summary).
        Assert.All(run.OutputLines.Except(diagnostics), line => Assert.False(matcher.IsMatch(line), "matched a non-diagnostic line: " + line));
    }

    [GeneratedRegex(@"\b(?<severity>error|warning) (?<code>IVR\d{4})\b")]
    private static partial Regex DiagnosticWords();

    [Fact]
    public void Sarif_has_the_2_1_0_shape_with_one_rule_per_code_and_one_located_result_per_diagnostic()
    {
        var bad = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);
        var alsoBad = _temp.Wav("other.wav", sampleRate: 22050);
        var sarifPath = _temp.PathOf("out.sarif");

        var run = CliRun.Of("validate", "--sarif", sarifPath, bad, alsoBad);

        Assert.Equal(1, run.ExitCode);
        var log = JsonDocument.Parse(File.ReadAllText(sarifPath)).RootElement;
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", log.GetProperty("$schema").GetString());
        var sarifRun = Assert.Single(log.GetProperty("runs").EnumerateArray());
        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ivr-media", driver.GetProperty("name").GetString());

        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["IVR1103", "IVR1104"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.EndsWith("docs/diagnostics.md#" + r.GetProperty("id").GetString()!.ToLowerInvariant(), r.GetProperty("helpUri").GetString()));
        Assert.All(rules, r => Assert.Contains("ivr-media fix", r.GetProperty("help").GetProperty("text").GetString()));
        Assert.All(rules, r => Assert.True(Uri.IsWellFormedUriString(r.GetProperty("helpUri").GetString(), UriKind.Absolute)));

        var results = sarifRun.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count); // music: rate and channels; other: rate.
        foreach (var result in results)
        {
            var id = result.GetProperty("ruleId").GetString();
            Assert.Equal(id, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("error", result.GetProperty("level").GetString());
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.Contains(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath, new[] { bad, alsoBad });
            Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        }
    }

    [Fact]
    public void Probe_json_is_the_object_validate_json_prints_for_the_file()
    {
        var path = _temp.Wav("music.wav", sampleRate: 44100, channels: 2, seconds: 2, amplitude: 0.5);

        var probe = CliRun.Of("probe", "--json", path);
        var validate = CliRun.Of("validate", "--json", path);

        Assert.Equal(1, probe.ExitCode);
        var fromProbe = JsonDocument.Parse(probe.Output).RootElement;
        var fromValidate = JsonDocument.Parse(validate.Output).RootElement.EnumerateArray().Single();
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(fromValidate.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(fromProbe.GetRawText())));
        Assert.False(fromProbe.GetProperty("ok").GetBoolean());
        // Rejected for its rate and channels, but decodable: its loudness is still measured. Both channels hold the same
        // half-scale sine, so the mix is that sine: 20·log10(0.5/√2) = -9.03 dBov by P.56 once the envelope has settled
        // (2 s keeps the start-up, counted inactive, below 0.2 dB).
        var level = fromProbe.GetProperty("loudness").GetProperty("activeSpeechLevelDbov").GetDouble();
        Assert.InRange(level, -9.03 - 0.2, -9.03 + 0.2);
    }

    [Theory]
    [InlineData("IVR1103")]
    [InlineData("ivr1103")]
    public void Codes_shows_one_code_whatever_its_case(string code)
    {
        var run = CliRun.Of("codes", code);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("IVR1103", run.OutputLines[0]);
        Assert.Contains("Sample rate not accepted", run.OutputLines[0]);
        Assert.DoesNotContain("IVR1104", run.Output);
        Assert.Contains("docs/diagnostics.md#ivr1103", run.Output);
    }

    [Fact]
    public void An_unknown_code_is_a_usage_error()
    {
        var run = CliRun.Of("codes", "IVR9998");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no code 'IVR9998'", run.Error);
    }

    /// <summary>
    /// VS Code's $msCompile problem matcher, the MSBuild/csc canonical error format that GitHub Actions' and Azure
    /// DevOps' MSBuild matchers also read: file(location): severity code: message.
    /// </summary>
    [GeneratedRegex(@"^(?:\s*\d+>)?(?<file>\S.*)\((?<location>\d+|\d+,\d+|\d+,\d+,\d+,\d+)\)\s*:\s+(?<severity>(?:fatal +)?error|warning|info)\s+(?<code>\w+\d+)\s*:\s*(?<message>.*)$")]
    private static partial Regex MsCompile();
}
