using MediaCompiler.Audio.Rules;
using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Platforms.Checking;

/// <summary>A prompt's verdict and, when its audio was measured, its loudness.</summary>
public sealed record CheckedPrompt(PromptValidation Validation, LoudnessReport? Loudness);

/// <summary>
/// Every check a prompt gets before any network work, in one order for the build and the CLI: the platform's file
/// rules (and, from the CLI, its name rule on the file name; the build checks names from item metadata), then the
/// content checks on the decoded audio: a file whose headers are readable and within the size limit is decoded even
/// when a rule fails (its rate, say), because a silent or undecodable prompt stays refused after the rule's fix; the
/// quality warnings come only for prompts whose headers pass (with quality on, the loudness is measured regardless, so
/// that probe can show it).
/// </summary>
public static class PromptChecks
{
    /// <summary>The file-size rules: a file they refuse is not decoded.</summary>
    private static readonly HashSet<string> SizeRules =
        [MediaCompiler.Diagnostics.DiagnosticCatalog.PromptTooLarge.Code, MediaCompiler.Diagnostics.DiagnosticCatalog.PlatformFileTooLarge.Code];

    /// <summary>The errors-only content check (<c>--no-quality</c>).</summary>
    private static readonly SilenceCheck Silence = new();

    /// <summary>The CLI's check: file rules and the default name's rule.</summary>
    public static CheckedPrompt Run(string path, PromptPlatform platform, QualitySettings quality) =>
        Run(platform.Validate(path), platform, quality);

    /// <summary>The content checks on top of a rules verdict (the build's, whose names were checked from metadata).</summary>
    public static CheckedPrompt Run(PromptValidation verdict, PromptPlatform platform, QualitySettings quality)
    {
        var path = verdict.Probe.Path;
        if (verdict.Probe.Diagnostics.Any(d => d.IsError))
        {
            return new CheckedPrompt(verdict, null); // Damaged headers: nothing to decode.
        }

        if (verdict.Diagnostics.Any(d => d.IsError && SizeRules.Contains(d.Code)))
        {
            // Over the platform's size limit: that verdict is the answer, and reading gigabytes to measure a prompt
            // that cannot be sent would cost minutes and memory in proportion (a 2 GB file answers at once).
            return new CheckedPrompt(verdict, null);
        }

        if (!quality.Enabled)
        {
            return new CheckedPrompt(Add(verdict, Silence.Check(path, verdict.Probe, platform.Kind)), null);
        }

        var found = new QualityCheck(quality.Thresholds).Inspect(path, verdict.Probe, verdict.IsValid);
        return new CheckedPrompt(Add(verdict, found.Diagnostics.Where(quality.Reports).ToList()), found.Loudness);
    }

    private static PromptValidation Add(PromptValidation verdict, IReadOnlyList<MediaCompiler.Diagnostics.Diagnostic> found) =>
        found.Count == 0 ? verdict : verdict with { Diagnostics = [.. verdict.Diagnostics, .. found] };
}
