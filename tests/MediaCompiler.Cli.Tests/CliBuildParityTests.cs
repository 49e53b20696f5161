using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// The CLI and the build over the same files reach the same verdicts with the same codes: the build's steps before
/// any network work (SettingsParser's prompt metadata rules, PromptValidationStep) against <c>validate --json</c>.
/// </summary>
public sealed class CliBuildParityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_corpus_plus_bad_names_and_special_files_get_the_same_codes_from_the_cli_and_the_build()
    {
        var corpus = Path.Combine(Repository.Root, "tests", "fixtures", "audio");
        foreach (var file in Directory.GetFiles(corpus).Where(f => PromptFileFinder.PromptExtensions.Contains(Path.GetExtension(f))))
        {
            File.Copy(file, _temp.PathOf(Path.GetFileName(file)));
        }

        _temp.Wav("main menu.wav");
        _temp.Wav("-intro.wav");
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(_temp.PathOf("zero.wav"), "/dev/zero");
            File.CreateSymbolicLink(_temp.PathOf("linked.wav"), _temp.PathOf("pcm16_8k_mono.wav"));
        }

        // The build's steps before network work do not measure quality (the compiler does, later), so the codes are
        // compared with the quality warnings off, and with them on, every code that is not an IVR16xx warning.
        var cliCodes = CliCodes("validate", "--json", "--no-quality", _temp.Root);
        var cliWithQuality = CliCodes("validate", "--json", _temp.Root);

        var buildCodes = BuildCodes(cliCodes.Keys.ToList());

        Assert.True(cliCodes.Count > 60, $"only {cliCodes.Count} files");
        foreach (var (path, codes) in cliCodes)
        {
            var build = buildCodes.GetValueOrDefault(path, []);
            Assert.True(codes.SequenceEqual(build), $"{Path.GetFileName(path)}: CLI [{string.Join(",", codes)}], build [{string.Join(",", build)}]");
            var beyondQuality = cliWithQuality[path].Where(c => !c.StartsWith("IVR16", StringComparison.Ordinal));
            Assert.True(beyondQuality.SequenceEqual(build), $"{Path.GetFileName(path)}: CLI with quality [{string.Join(",", cliWithQuality[path])}], build [{string.Join(",", build)}]");
        }
    }

    private static Dictionary<string, string[]> CliCodes(params string[] args) =>
        JsonDocument.Parse(CliRun.Of(args).Output).RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("path").GetString()!,
            r => r.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).Order().ToArray());

    /// <summary>The build's codes per file: prompt metadata (NodeId from the file name), then header validation.</summary>
    private static Dictionary<string, string[]> BuildCodes(IReadOnlyList<string> paths)
    {
        var raw = paths.Select(p => new RawPrompt(p, p, null, null, null)).ToList();
        var settings = SettingsParser.Parse(new RawBuildSettings { ValidateOnly = "true" }, raw, _ => null);
        var log = new CollectingLog();
        PromptValidationStep.Run(paths.Select(p => new PromptInput(p, Path.GetFileNameWithoutExtension(p), 0, "ulaw")).ToList(), log, CancellationToken.None);
        return settings.Diagnostics.Where(d => d.File is not null).Concat(log.Diagnostics)
            .GroupBy(d => d.File!)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Code).Order().ToArray());
    }

    private sealed class CollectingLog : IPipelineLog
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        public void Report(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);

        public void Info(string message, bool important = false)
        {
        }
    }
}
