using System.Text.Json;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Client;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// One platform model: the CLI and a validate-only build over the same files reach the same verdicts with the same
/// codes, on both platforms, with the default settings (quality checks on, audio levelled) and with quality off. The
/// build side is the build's own path before any network work: the settings parser's item rules (NodeId or Architect
/// prompt name from the file name), then the pipeline's validation step, through <see cref="PromptPipeline"/> exactly
/// as the MSBuild task runs it with IvrValidateOnly.
/// </summary>
public sealed class CliBuildParityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("media-api", true)]
    [InlineData("media-api", false)]
    [InlineData("genesys", true)]
    [InlineData("genesys", false)]
    public async Task A_mixed_corpus_gets_the_same_codes_from_the_cli_and_the_build(string platform, bool quality)
    {
        MakeCorpus();

        string[] cliArguments = ["validate", "--json", "--platform", platform, .. quality ? Array.Empty<string>() : ["--no-quality"], _temp.Root];
        var cli = CliCodes(cliArguments);
        var build = await BuildCodesAsync(cli.Keys.ToList(), platform == "genesys" ? "GenesysCloud" : "MediaApi", quality);

        Assert.True(cli.Count >= 60, $"only {cli.Count} files");
        // The corpus exercises both verdicts on this platform: accepted files and refused ones.
        Assert.Contains(cli.Values, codes => codes.Length == 0);
        Assert.Contains(cli.Values, codes => codes.Length > 0);
        var mismatches = cli
            .Where(file => !file.Value.SequenceEqual(build.GetValueOrDefault(file.Key, [])))
            .Select(file => $"{Path.GetFileName(file.Key)}: CLI [{string.Join(",", file.Value)}], build [{string.Join(",", build.GetValueOrDefault(file.Key, []))}]")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cli.Count} files differ:\n" + string.Join("\n", mismatches));
    }

    /// <summary>
    /// The fixture corpus (every container, codec, rate and damage the probes know, made by real tools) plus what a
    /// repository really holds: bad names, special files, and audio the content checks judge (silent, quiet, late,
    /// clipped, loud, stereo, hi-fi, cut short).
    /// </summary>
    private void MakeCorpus()
    {
        var corpus = Path.Combine(Repository.Root, "tests", "fixtures", "audio");
        foreach (var file in Directory.GetFiles(corpus).Where(f => PromptFileFinder.PromptExtensions.Contains(Path.GetExtension(f))))
        {
            File.Copy(file, _temp.PathOf(Path.GetFileName(file)));
        }

        // Files cut short in half (IVR1005, from the probe or a decoder) and a silent prompt that fails a header rule too.
        foreach (var name in new[] { "aac_8k_mono.aac", "m4a_named.aac", "mediarecorder_48k_mono.webm", "prompt_16k_mono.flac", "gsm_8k_mono.wav", "opus_16k_mono.ogg" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(corpus, name));
            _temp.Bytes("cut_" + name, bytes[..(bytes.Length / 2)]);
        }

        _temp.Wav("silent_44k.wav", sampleRate: 44100, seconds: 2, amplitude: 0);
        _temp.Wav("main menu.wav");
        _temp.Wav("-intro.wav");
        _temp.Wav("dashed-name.wav", seconds: 2, amplitude: 0.1);
        _temp.Wav("silent_8k.wav", seconds: 2, amplitude: 0);
        _temp.Wav("silent_16k.wav", sampleRate: 16000, seconds: 2, amplitude: 0);
        _temp.Wav("whisper_8k.wav", seconds: 2, amplitude: 0.002);
        _temp.Wav("loud_8k.wav", seconds: 2, amplitude: 0.99);
        _temp.Wav("normal_16k.wav", sampleRate: 16000, seconds: 2, amplitude: TempFolder.TargetLevelAmplitude);
        _temp.Wav("hifi_44k_stereo.wav", sampleRate: 44100, channels: 2, seconds: 2, amplitude: 0.2);
        _temp.Wav("wide_48k.wav", sampleRate: 48000, seconds: 2, amplitude: 0.2);
        _temp.Wav("pcm24_8k.wav", bitsPerSample: 24, seconds: 2, amplitude: 0.2);
        _temp.Wav("pcm8_16k.wav", sampleRate: 16000, bitsPerSample: 8, seconds: 2, amplitude: 0.2);
        _temp.Wav("long_8k.wav", seconds: 140, amplitude: 0.1);
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(_temp.PathOf("zero.wav"), "/dev/zero");
            File.CreateSymbolicLink(_temp.PathOf("linked.wav"), _temp.PathOf("pcm16_8k_mono.wav"));
        }
    }

    private static Dictionary<string, string[]> CliCodes(string[] args) =>
        JsonDocument.Parse(CliRun.Of(args).Output).RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("path").GetString()!,
            r => r.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).Order().ToArray());

    /// <summary>The build's codes per file, from a validate-only run of the build's pipeline with the task's raw settings.</summary>
    private static async Task<Dictionary<string, string[]>> BuildCodesAsync(IReadOnlyList<string> paths, string platform, bool quality)
    {
        var raw = paths.Select(p => new RawPrompt(p, p, null, null, null)).ToList();
        var parsed = SettingsParser.Parse(new RawBuildSettings { ValidateOnly = "true", Platform = platform, QualityChecks = quality ? "true" : "false" }, raw, _ => null,
            new MediaCompiler.Pipeline.Genesys.GenesysSettingsParser(new()));
        var log = new CollectingLog();
        // What the task does with the parser's result (CompileIvrPrompts.Execute).
        var settings = parsed.Settings ?? throw new InvalidOperationException(string.Join("; ", parsed.Diagnostics.Select(d => d.Message)));
        var pipeline = new PromptPipeline(settings, log);
        if (parsed.HasItemErrors)
        {
            Assert.False(pipeline.ReportFileProblems(parsed.Prompts, CancellationToken.None).Succeeded);
        }
        else
        {
            var result = await pipeline.RunOnPlatformAsync(parsed.Prompts, () => throw new InvalidOperationException("validate-only builds connect to nothing"), CancellationToken.None);
            Assert.Equal(log.Diagnostics.All(d => !d.IsError), result.Succeeded);
        }
        return parsed.Diagnostics.Where(d => d.File is not null).Concat(log.Diagnostics.Where(d => d.File is not null))
            .GroupBy(d => d.File!)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Code).Order().ToArray());
    }

    private sealed class CollectingLog : IPipelineLog
    {
        private readonly List<Diagnostic> _diagnostics = [];

        public IReadOnlyList<Diagnostic> Diagnostics
        {
            get
            {
                lock (_diagnostics)
                {
                    return [.. _diagnostics];
                }
            }
        }

        public void Report(Diagnostic diagnostic)
        {
            lock (_diagnostics)
            {
                _diagnostics.Add(diagnostic);
            }
        }

        public void Info(string message, bool important = false)
        {
        }
    }
}
