using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>
/// The fuzz suite of issue 20: 10,800 mutants per run (1,200 of each of nine seeds) through the build's and the CLI's
/// checks, each answered with a verdict or coded diagnostics, never an exception or the runtime's text, in bounded time
/// and memory (<see cref="FuzzHarness"/>). Each seed has its own fixed <see cref="Random"/> seed: a failure names the
/// seed, the mutant's index and where its bytes were saved, and re-running gives the same mutants.
/// </summary>
public sealed class PromptFuzzTests(ITestOutputHelper output) : IDisposable
{
    public const int MutantsPerSeed = 1200;

    /// <summary>IVR_FUZZ_MUTANTS overrides the count for a local look (a longer soak, or a quick one); CI runs the default.</summary>
    private static readonly int Mutants = int.TryParse(Environment.GetEnvironmentVariable("IVR_FUZZ_MUTANTS"), out var n) && n > 0 ? n : MutantsPerSeed;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [FfmpegTheory]
    [InlineData("pcm16", 2001)]
    [InlineData("mulaw", 2002)]
    [InlineData("alaw", 2003)]
    [InlineData("mp3", 2004)]
    [InlineData("vorbis", 2005)]
    [InlineData("opus", 2006)]
    [InlineData("adts", 2007)]
    [InlineData("m4a", 2008)]
    [InlineData("flac", 2009)]
    public void Every_mutant_gets_a_coded_answer_in_bounded_time_and_memory(string seedName, int randomSeed)
    {
        var seed = FuzzSeeds.Get(seedName);

        var run = FuzzHarness.Run(seed, Mutants, randomSeed, _temp.Root);

        output.WriteLine($"fuzz {run.Seed}: {run.Mutants} mutants of a {seed.Bytes.Length:N0}-byte seed, {run.Accepted} accepted, {run.Rejected} rejected, " +
            $"{run.Failures.Count} broken, slowest {run.Slowest.TotalMilliseconds:0} ms, most allocated {run.MostAllocated / 1048576.0:0.0} MiB; " +
            $"time in build/media API, build/Genesys, CLI: {string.Join(" / ", run.PerEntry.Select(t => $"{t.TotalSeconds:0.0} s"))}");
        Assert.True(run.Failures.Count == 0, string.Join("\n", run.Failures.Take(5)) + $"\n({run.Failures.Count} in all)");
        // The damage must reach past the first check, or the run proves nothing: some mutants rejected, some accepted.
        Assert.InRange(run.Rejected, Mutants / 20, Mutants);
        Assert.InRange(run.Accepted, 1, Mutants);
    }
}
