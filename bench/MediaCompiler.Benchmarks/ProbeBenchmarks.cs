using BenchmarkDotNet.Attributes;
using MediaCompiler.Audio;

namespace MediaCompiler.Benchmarks;

/// <summary>
/// The --bdn variant: AudioProbe.Probe on one typical prompt per format, measured by BenchmarkDotNet. Run from the
/// repository root, or point BENCH_CORPUS at the corpus folder.
/// </summary>
public class ProbeBenchmarks
{
    public static IEnumerable<string> Prompts() =>
        Corpus.FilesIn(Environment.GetEnvironmentVariable("BENCH_CORPUS") ?? Path.GetFullPath(Path.Combine("tests", "fixtures", "audio")))
            .Where(f => Path.GetFileName(f) is "pcm16_8k_mono.wav" or "cbr64_16k_mono.mp3" or "aac_96k_16k_mono.aac" or "vorbis_16k_mono.ogg");

    [ParamsSource(nameof(Prompts))]
    public string Prompt { get; set; } = "";

    [Benchmark]
    public AudioProbeResult Probe() => AudioProbe.Probe(Prompt);
}
