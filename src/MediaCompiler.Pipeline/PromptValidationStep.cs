using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline.Caching;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Pipeline;

/// <summary>A prompt that passed validation, with what its headers say.</summary>
/// <param name="SourceHash">The source's SHA-256 (<c>sha256:...</c>), when the prompt cache needed it.</param>
/// <param name="ChecksKey">Its key in the prompt cache (<see cref="PromptCacheKeys.Checks"/>); null when the build runs without one.</param>
public sealed record ValidatedPrompt(PromptInput Input, AudioProbeResult Probe, string? SourceHash = null, string? ChecksKey = null);

/// <summary>
/// Step 1, before any network work: every prompt gets the checks <c>ivr-media validate</c> gives it
/// (<see cref="PromptChecks"/>: the platform's file rules, then, on the decoded audio, empty and silent audio and the
/// quality warnings), and EVERY problem of every file is reported (not only the first), so one build shows the whole
/// list of fixes. Names were checked from the items' metadata by the settings parser, with the same rules.
/// </summary>
/// <remarks>
/// Where the platform levels the audio (normalizeVolume, the default), a source's level (IVR1601, IVR1609) and the
/// spread of levels (IVR1607) are no problem and not reported (<see cref="QualitySettings.Reports"/>), here and in the
/// CLI alike. Speed: with a prompt cache, only prompts whose bytes or settings changed are decoded; the others'
/// findings are replayed from the cache (so a warning shows on every build, without the work).
/// </remarks>
public static class PromptValidationStep
{
    /// <summary>The validated prompts, or null when any prompt has an error.</summary>
    public static IReadOnlyList<ValidatedPrompt>? Run(IReadOnlyList<PromptInput> prompts, PromptPlatform platform, QualitySettings quality,
        IPipelineLog log, CancellationToken cancellationToken, PromptCache? cache = null)
    {
        var clock = Stopwatch.StartNew();
        var checkedPrompts = new CheckedPrompt[prompts.Count];
        var levels = new double?[prompts.Count];
        var keys = new string?[prompts.Count];
        var hashes = new string?[prompts.Count];
        var replayed = 0;
        // Decoding and the P.56 meter are CPU work per prompt: both cores help on a project of many prompts.
        Parallel.For(0, prompts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var verdict = platform.ValidateFile(prompts[i].Path);
            hashes[i] = cache is null ? null : SourceHash(prompts[i].Path, verdict);
            keys[i] = hashes[i] is { } hash ? PromptCacheKeys.Checks(hash, prompts[i].Path, platform.Kind, platform.ConvertsAudio, quality) : null;
            if (keys[i] is { } key && cache!.GetChecks(key) is { } known)
            {
                checkedPrompts[i] = new CheckedPrompt(Replay(verdict, known, prompts[i].Path), null);
                levels[i] = known.LevelDbov;
                Interlocked.Increment(ref replayed);
                return;
            }
            checkedPrompts[i] = PromptChecks.Run(verdict, platform, quality);
            levels[i] = checkedPrompts[i].Loudness?.ActiveSpeechLevelDbov;
            if (keys[i] is { } newKey)
            {
                var found = checkedPrompts[i].Validation.Diagnostics.Skip(verdict.Diagnostics.Count)
                    .Select(d => new CachedDiagnostic(d.Code, d.Severity, d.Message)).ToArray();
                cache!.PutChecks(newKey, new CachedChecks(found, levels[i]));
            }
        });

        var valid = true;
        var warnings = 0;
        for (var i = 0; i < prompts.Count; i++)
        {
            foreach (var diagnostic in checkedPrompts[i].Validation.Diagnostics)
            {
                log.Report(diagnostic.File is null ? diagnostic with { File = prompts[i].Path } : diagnostic);
                warnings += diagnostic.IsError ? 0 : 1;
            }
            valid &= checkedPrompts[i].Validation.IsValid;
        }

        if (quality.ComparesLevels)
        {
            foreach (var spread in PromptQualityAnalyzer.CheckLevelSpread(prompts.Select((p, i) => (p.Path, levels[i])), quality.Thresholds))
            {
                log.Report(spread);
                warnings++;
            }
        }

        if (quality.Enabled && prompts.Count > 0)
        {
            log.Progress(string.Format(CultureInfo.InvariantCulture, "IVR prompts: {0} checked for quality in {1:0.00} s, {2} warning(s){3}.",
                prompts.Count, clock.Elapsed.TotalSeconds, warnings,
                replayed == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {replayed} unchanged, their findings from the prompt cache")));
        }
        return valid ? prompts.Select((p, i) => new ValidatedPrompt(p, checkedPrompts[i].Validation.Probe, hashes[i], keys[i])).ToArray() : null;
    }

    /// <summary>The hash of a file whose headers were read; null for one that cannot be hashed (reported by the rules).</summary>
    private static string? SourceHash(string path, PromptValidation verdict)
    {
        if (verdict.Probe.Diagnostics.Any(d => d.IsError))
        {
            return null; // Damaged or unreadable: the header rules answer, nothing is decoded, nothing to keep.
        }
        try
        {
            return ContentHash.OfFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // Changed or gone since the probe: checked without the cache; the asset step reports it.
        }
    }

    /// <summary>The rules' verdict (recomputed: cheap) with the content findings the cache kept, on this prompt's file.</summary>
    private static PromptValidation Replay(PromptValidation verdict, CachedChecks known, string path)
    {
        if (known.Diagnostics.Count == 0)
        {
            return verdict;
        }
        var replayed = known.Diagnostics
            .Select(d => DiagnosticCatalog.Find(d.Code) is { } descriptor ? new Diagnostic(descriptor, path, d.Message, d.Severity) : null)
            .OfType<Diagnostic>();
        return verdict with { Diagnostics = [.. verdict.Diagnostics, .. replayed] };
    }
}
