using System.Text.Json;
using System.Text.Json.Nodes;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MediaCompiler.Build.Tests.Tasks;

/// <summary>
/// IvrSarifLog: the build writes SARIF 2.1.0 with the same results as <c>ivr-media validate --sarif</c> for the same
/// files (rule, level, message, file), so a pull-request check can upload either.
/// </summary>
public sealed class SarifLogTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingBuildEngine _buildEngine = new();

    public void Dispose() => _temp.Dispose();

    private string Wav(string name, int sampleRate, double seconds = 2)
    {
        var samples = Enumerable.Range(0, (int)(sampleRate * seconds))
            .Select(i => (float)(0.1 * Math.Sin(2 * Math.PI * 440 * i / sampleRate))).ToArray();
        var path = _temp.Combine("prompts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, MediaCompiler.TestSupport.WavWriter.Pcm16(samples, sampleRate));
        return path;
    }

    /// <summary>A full disk under the SARIF log is its documented warning (IVR5006) naming it, the previous log left whole.</summary>
    [DevFullFact]
    public void A_sarif_log_on_a_full_disk_is_its_warning_and_keeps_the_previous_log()
    {
        var sarif = _temp.Combine("out", "build.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(sarif)!);
        File.WriteAllText(sarif, "{}");
        var task = new CompileIvrPrompts
        {
            BuildEngine = _buildEngine,
            Prompts = [new TaskItem(Wav("fine.wav", 8000))],
            ValidateOnly = "true",
            SarifLog = sarif,
            ReadEnvironment = _ => null,
        };

        var (scope, failed) = DiskFullStream.Intercept(path => path == sarif);
        using (scope)
        {
            Assert.True(task.Execute(), string.Join("\n", _buildEngine.Errors.Select(e => e.Message)));
        }

        Assert.Single(failed);
        var warning = Assert.Single(_buildEngine.Warnings, w => w.Code == "IVR5006");
        Assert.Contains(sarif, warning.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", warning.Message, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(sarif));
        Assert.Empty(Directory.EnumerateFiles(_temp.Combine("out"), "*.tmp"));
    }

    [Fact]
    public void The_builds_sarif_has_the_results_of_the_clis_for_the_same_files()
    {
        string[] files =
        [
            Wav("hifi.wav", 44100),                      // IVR1103, an error
            Wav("bad name.wav", 8000),                   // IVR2021 from the item, and the file is checked too
            TestAudio.WriteNotAudio(_temp.Combine("prompts", "broken.wav")),
            Wav("fine.wav", 8000),
            Wav("late.wav", 8000, seconds: 0.2),
        ];
        var buildSarif = _temp.Combine("out", "build.sarif");
        var task = new CompileIvrPrompts
        {
            BuildEngine = _buildEngine,
            Prompts = files.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
            ValidateOnly = "true",
            SarifLog = buildSarif,
            ReadEnvironment = _ => null,
        };

        Assert.False(task.Execute());

        var cliSarif = _temp.Combine("out", "cli.sarif");
        var exit = MediaCompiler.Cli.CliApp.Run(["validate", "--sarif", cliSarif, .. files], new StringWriter(), new StringWriter(), colour: false);
        Assert.Equal(1, exit);

        var fromBuild = Results(buildSarif);
        var fromCli = Results(cliSarif);
        Assert.NotEmpty(fromBuild);
        Assert.Equal(fromCli, fromBuild);
        Assert.Contains(fromBuild, r => r.Contains("\"IVR1103\"", StringComparison.Ordinal));
        Assert.Contains(fromBuild, r => r.Contains("\"IVR2021\"", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(File.ReadAllText(buildSarif));
        var driver = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal("MediaCompiler.Build", driver.GetProperty("name").GetString());
        Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void A_path_that_cannot_be_written_is_a_warning_and_the_verdict_stands()
    {
        var blocker = _temp.Combine("blocker");
        File.WriteAllText(blocker, "a file where a folder should be");
        var task = new CompileIvrPrompts
        {
            BuildEngine = _buildEngine,
            Prompts = [new TaskItem(Wav("fine.wav", 8000))],
            ValidateOnly = "true",
            SarifLog = Path.Combine(blocker, "results.sarif"),
            ReadEnvironment = _ => null,
        };

        Assert.True(task.Execute());
        Assert.Contains(_buildEngine.Warnings, w => w.Code == "IVR5006");
    }

    /// <summary>Each result as canonical JSON text (rule, level, message, location), in a stable order.</summary>
    private static List<string> Results(string sarif)
    {
        var results = JsonNode.Parse(File.ReadAllText(sarif))!["runs"]![0]!["results"]!.AsArray();
        return results.Select(r =>
        {
            var copy = r!.DeepClone().AsObject();
            copy.Remove("ruleIndex"); // an index into each tool's own rules array
            return copy.ToJsonString();
        }).Order(StringComparer.Ordinal).ToList();
    }
}
