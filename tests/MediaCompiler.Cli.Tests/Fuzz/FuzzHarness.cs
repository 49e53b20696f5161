using System.Diagnostics;
using System.Text.RegularExpressions;
using MediaCompiler.Diagnostics;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>What one format's run found: counts for the summary, and every broken promise with its saved mutant.</summary>
public sealed record FuzzRun(string Seed, int Mutants, int Accepted, int Rejected, TimeSpan Slowest, long MostAllocated, IReadOnlyList<string> Failures)
{
    /// <summary>Time spent in each entry point (build on the media API, build on Genesys, the CLI), for the summary.</summary>
    public TimeSpan[] PerEntry { get; init; } = [];
}

/// <summary>
/// Runs mutants through the entry points the build and the CLI share, and holds each answer to the promise of
/// issue 20: an accepted verdict or coded diagnostics (IVR####, never the internal-error range IVR90xx), no exception,
/// no runtime's text in a message, bounded time and bounded memory.
/// </summary>
/// <remarks>
/// The entry points, in turn per mutant: the build's per-prompt check (<see cref="PromptPlatform.ValidateFile(string)"/>
/// then <see cref="PromptChecks.Run(Audio.Rules.PromptValidation, PromptPlatform, QualitySettings)"/>, exactly what
/// <c>PromptValidationStep</c> runs for each prompt) on the media API, the same on Genesys Cloud (which converts, so it
/// decodes formats the media API refuses), and <c>ivr-media probe</c> / <c>validate</c> through <see cref="CliApp.Run"/>.
/// Memory is the bytes allocated on the calling thread (all three run the decode there), held to
/// <see cref="PromptMemoryCap.ForFuzzedFormat"/>; time is a runaway guard (<see cref="TimeBound"/>), not a speed target.
/// </remarks>
public static partial class FuzzHarness
{
    /// <summary>A generous bound: a mutant takes milliseconds, a runaway takes seconds to minutes.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);

    /// <summary>Phrases of the runtime's own exception messages: seen in a diagnostic, our failure leaked as .NET text.</summary>
    public static readonly string[] RuntimeText =
        ["Index was outside", "Arithmetic operation", "Object reference", "This is a bug", "Specified argument", "Unable to read beyond", "Exception"];

    private static readonly PromptPlatform MediaApi = PromptPlatform.For(Audio.Rules.TargetPlatform.MediaApi);
    private static readonly PromptPlatform Genesys = PromptPlatform.For(Audio.Rules.TargetPlatform.Genesys);

    public static FuzzRun Run(FuzzSeed seed, int mutants, int randomSeed, string folder)
    {
        var random = new Random(randomSeed);
        var path = Path.Combine(folder, $"{seed.Name}-mutant.{seed.Extension}");
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        var slowest = TimeSpan.Zero;
        long mostAllocated = 0;
        var perEntry = new TimeSpan[3];
        for (var i = 0; i < mutants; i++)
        {
            var (mutant, kind) = Mutator.Mutate(seed, random);
            File.WriteAllBytes(path, mutant);
            var clock = Stopwatch.StartNew();
            var before = GC.GetAllocatedBytesForCurrentThread();
            string? broken;
            bool? valid = null;
            try
            {
                (valid, broken) = Check(path, i % 3);
            }
            catch (Exception e)
            {
                broken = $"{e.GetType().Name} escaped: {e.Message}\n{e.StackTrace}";
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var elapsed = clock.Elapsed;
            slowest = elapsed > slowest ? elapsed : slowest;
            perEntry[i % 3] += elapsed;
            mostAllocated = Math.Max(mostAllocated, allocated);
            accepted += valid == true ? 1 : 0;
            rejected += valid == false ? 1 : 0;
            broken ??= elapsed > TimeBound ? $"took {elapsed.TotalSeconds:0.00} s (bound {TimeBound.TotalSeconds} s)" : null;
            var cap = PromptMemoryCap.ForFuzzedFormat(seed.Name, mutant.Length);
            broken ??= allocated > cap
                ? $"allocated {allocated:N0} bytes for a {mutant.Length:N0}-byte file (cap {cap:N0})"
                : null;
            if (broken is not null)
            {
                var saved = Path.Combine(Path.GetTempPath(), $"ivr-fuzz-{seed.Name}-seed{randomSeed}-{i}.{seed.Extension}");
                File.WriteAllBytes(saved, mutant);
                failures.Add($"{seed.Name} Random({randomSeed}) mutant {i} ({kind}, entry {i % 3}), saved as {saved}: {broken}");
            }
        }

        return new FuzzRun(seed.Name, mutants, accepted, rejected, slowest, mostAllocated, failures) { PerEntry = perEntry };
    }

    /// <summary>Whether the prompt was accepted, and what promise its answer broke (null: none).</summary>
    private static (bool? Valid, string? Broken) Check(string path, int entry)
    {
        if (entry == 2)
        {
            var probe = CliRun.Of("probe", path);
            var validate = CliRun.Of("validate", "--platform", "genesys", path);
            var text = probe.Output + probe.Error + validate.Output + validate.Error;
            if (probe.ExitCode is not (0 or 1) || validate.ExitCode is not (0 or 1))
            {
                return (null, $"exit codes {probe.ExitCode}/{validate.ExitCode}: {text}");
            }

            return (validate.ExitCode == 0, LeakedText(text) ?? UncodedErrorLine(text));
        }

        var platform = entry == 0 ? MediaApi : Genesys;
        var verdict = PromptChecks.Run(platform.ValidateFile(path), platform, QualitySettings.Default).Validation;
        return (verdict.IsValid, verdict.Diagnostics.Select(Broken).FirstOrDefault(b => b is not null));
    }

    private static string? Broken(Diagnostic diagnostic)
    {
        if (!CodePattern().IsMatch(diagnostic.Code) || diagnostic.Code.StartsWith("IVR90", StringComparison.Ordinal))
        {
            return $"{diagnostic.Code} is not a code for damaged input: {diagnostic.Message}";
        }

        return LeakedText(diagnostic.Message);
    }

    private static string? LeakedText(string text) =>
        RuntimeText.FirstOrDefault(t => text.Contains(t, StringComparison.Ordinal)) is { } leaked ? $"runtime text \"{leaked}\" in: {text}" : null;

    /// <summary>Every "error" the CLI prints carries a code outside the internal-error range.</summary>
    private static string? UncodedErrorLine(string text) => text.Split('\n')
        .Where(line => line.Contains(" error ", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal))
        .FirstOrDefault(line => !ErrorLinePattern().IsMatch(line) || line.Contains("IVR90", StringComparison.Ordinal)) is { } bad
        ? $"uncoded error line: {bad}"
        : null;

    [GeneratedRegex("^IVR[0-9]{4}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"error IVR[0-9]{4}:")]
    private static partial Regex ErrorLinePattern();
}
