using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Cli.Checking;

/// <summary>A prompt's verdict and, when its audio was measured, its loudness.</summary>
internal sealed record CheckedPrompt(PromptValidation Validation, LoudnessReport? Loudness);

/// <summary>
/// Every check the build applies to a prompt before any network work, in the build's order: the probe, the media
/// engine's rules (or the platform's), the NodeId the build takes from the file name, then, when the headers pass,
/// the content checks on the decoded audio (with quality on, the loudness is measured even when they fail, so that
/// probe can show it).
/// </summary>
internal static class PromptChecks
{
    /// <summary>The errors-only content check (<c>--no-quality</c>).</summary>
    private static readonly SilenceCheck Silence = new();

    public static CheckedPrompt Run(string path, TargetPlatform platform, QualitySettings quality)
    {
        var verdict = PlatformRules.Validate(path, platform);
        if (!quality.Enabled)
        {
            return new CheckedPrompt(verdict.IsValid ? Add(verdict, Silence.Check(path, verdict.Probe, platform)) : verdict, null);
        }

        if (verdict.Probe.Diagnostics.Any(d => d.IsError))
        {
            return new CheckedPrompt(verdict, null); // Damaged headers: nothing to decode.
        }

        var found = new QualityCheck(quality.Thresholds).Inspect(path, verdict.Probe, verdict.IsValid);
        return new CheckedPrompt(Add(verdict, found.Diagnostics), found.Loudness);
    }

    private static PromptValidation Add(PromptValidation verdict, IReadOnlyList<MediaCompiler.Diagnostics.Diagnostic> found) =>
        found.Count == 0 ? verdict : verdict with { Diagnostics = [.. verdict.Diagnostics, .. found] };
}
