using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>A prompt that passed validation, with what its headers say.</summary>
public sealed record ValidatedPrompt(PromptInput Input, AudioProbeResult Probe);

/// <summary>
/// Step 1: every prompt is checked with the same rules the engine applies, and EVERY problem of every file is
/// reported (not only the first), so one build shows the whole list of fixes.
/// </summary>
public static class PromptValidationStep
{
    /// <summary>The validated prompts, or null when any prompt has an error.</summary>
    /// <param name="validate">The platform's own rules (Genesys Cloud); null: the media engine's.</param>
    public static IReadOnlyList<ValidatedPrompt>? Run(IReadOnlyList<PromptInput> prompts, IPipelineLog log, CancellationToken cancellationToken,
        Func<PromptInput, PromptValidation>? validate = null)
    {
        var validations = new PromptValidation[prompts.Count];
        // Validation reads only headers, but a few hundred files still gain from using both cores.
        Parallel.For(0, prompts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            validations[i] = validate?.Invoke(prompts[i]) ?? PromptValidator.Validate(prompts[i].Path));

        var valid = true;
        for (var i = 0; i < prompts.Count; i++)
        {
            foreach (var diagnostic in validations[i].Diagnostics)
            {
                log.Report(diagnostic.File is null ? diagnostic with { File = prompts[i].Path } : diagnostic);
            }
            valid &= validations[i].IsValid;
        }
        return valid ? prompts.Select((p, i) => new ValidatedPrompt(p, validations[i].Probe)).ToArray() : null;
    }
}
