using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Step 2, after validation and before any network work: decodes every prompt in-process and checks how it will sound
/// (PromptQualityAnalyzer: P.56 speech level, clipping, leading and trailing silence, DC offset, duration), then the
/// spread of speech levels across the project. Findings are warnings on the prompt files; the step never fails a build.
/// </summary>
/// <remarks>
/// With normalizeVolume on, the engine brings every prompt to the target level and says itself when it could not
/// (IVR1608) or found no speech (IVR1609); so the source's level (IVR1601), the spread of levels (IVR1607) and
/// IVR1609 are checked here only when normalizeVolume is off, and a build never warns twice for one thing.
/// Speed: this decodes every prompt, but only when the build's work runs: the targets skip the task altogether on a
/// no-op build (nothing newer than the stamp).
/// </remarks>
public static class QualityCheckStep
{
    /// <summary>The checks the engine's normalisation answers for when normalizeVolume is on.</summary>
    private static readonly HashSet<string> LevelCodes =
    [
        DiagnosticCatalog.QualitySpeechLevelOffTarget.Code,
        DiagnosticCatalog.QualityNoSpeech.Code,
    ];

    public static void Run(IReadOnlyList<ValidatedPrompt> prompts, PipelineSettings settings, IPromptSampleDecoder? decoder, IPipelineLog log,
        CancellationToken cancellationToken)
    {
        if (!settings.QualityChecks || decoder is null || prompts.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var thresholds = settings.Quality;
        var measured = new (LoudnessReport? Report, string? Skipped)[prompts.Count];
        // Decoding and the P.56 meter are CPU work per prompt: both cores help on a project of many prompts.
        Parallel.For(0, prompts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            measured[i] = decoder.Decode(prompts[i], cancellationToken) switch
            {
                PromptSamples.Decoded decoded => (PromptQualityAnalyzer.Measure(decoded.Samples, decoded.SampleRate, thresholds), null),
                PromptSamples.NotDecoded notDecoded => (null, notDecoded.Reason),
                _ => throw new UnreachableException("PromptSamples is either Decoded or NotDecoded"),
            });

        var normalized = settings.Options.NormalizeVolume;
        var warnings = 0;
        for (var i = 0; i < prompts.Count; i++)
        {
            var path = prompts[i].Input.Path;
            if (measured[i].Report is not { } report)
            {
                log.Info($"IVR prompts: quality checks skipped for '{path}': {measured[i].Skipped}", important: true);
                continue;
            }

            foreach (var finding in PromptQualityAnalyzer.Analyze(report, thresholds, path))
            {
                if (!(normalized && LevelCodes.Contains(finding.Code)))
                {
                    log.Report(finding with { File = path });
                    warnings++;
                }
            }
        }

        if (!normalized)
        {
            var levels = prompts.Select((p, i) => (p.Input.Path, measured[i].Report?.ActiveSpeechLevelDbov));
            foreach (var spread in PromptQualityAnalyzer.CheckLevelSpread(levels, thresholds))
            {
                log.Report(spread);
                warnings++;
            }
        }

        log.Progress(string.Format(CultureInfo.InvariantCulture, "IVR prompts: {0} checked for quality in {1:0.00} s, {2} warning(s).",
            prompts.Count, clock.Elapsed.TotalSeconds, warnings));
    }
}
