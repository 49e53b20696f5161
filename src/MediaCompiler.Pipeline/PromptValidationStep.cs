using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Diagnostics;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Pipeline;

/// <summary>A prompt that passed validation, with what its headers say.</summary>
public sealed record ValidatedPrompt(PromptInput Input, AudioProbeResult Probe);

/// <summary>
/// Step 1, before any network work: every prompt gets the checks <c>ivr-media validate</c> gives it
/// (<see cref="PromptChecks"/>: the platform's file rules, then, on the decoded audio, empty and silent audio and the
/// quality warnings), and EVERY problem of every file is reported (not only the first), so one build shows the whole
/// list of fixes. Names were checked from the items' metadata by the settings parser, with the same rules.
/// </summary>
/// <remarks>
/// Where the platform levels the audio (normalizeVolume, the default), a source's level (IVR1601, IVR1609) and the
/// spread of levels (IVR1607) are no problem and not reported (<see cref="QualitySettings.Reports"/>), here and in the
/// CLI alike. Speed: this decodes every prompt, but only when the build's work runs: the targets skip the task on a
/// no-op build.
/// </remarks>
public static class PromptValidationStep
{
    /// <summary>The validated prompts, or null when any prompt has an error.</summary>
    public static IReadOnlyList<ValidatedPrompt>? Run(IReadOnlyList<PromptInput> prompts, PromptPlatform platform, QualitySettings quality,
        IPipelineLog log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var checkedPrompts = new CheckedPrompt[prompts.Count];
        // Decoding and the P.56 meter are CPU work per prompt: both cores help on a project of many prompts.
        Parallel.For(0, prompts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            checkedPrompts[i] = PromptChecks.Run(platform.ValidateFile(prompts[i].Path), platform, quality));

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
            var levels = prompts.Select((p, i) => (p.Path, checkedPrompts[i].Loudness?.ActiveSpeechLevelDbov));
            foreach (var spread in PromptQualityAnalyzer.CheckLevelSpread(levels, quality.Thresholds))
            {
                log.Report(spread);
                warnings++;
            }
        }

        if (quality.Enabled && prompts.Count > 0)
        {
            log.Progress(string.Format(CultureInfo.InvariantCulture, "IVR prompts: {0} checked for quality in {1:0.00} s, {2} warning(s).",
                prompts.Count, clock.Elapsed.TotalSeconds, warnings));
        }
        return valid ? prompts.Select((p, i) => new ValidatedPrompt(p, checkedPrompts[i].Validation.Probe)).ToArray() : null;
    }
}
