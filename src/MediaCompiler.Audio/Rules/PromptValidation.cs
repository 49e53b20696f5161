using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Rules;

/// <summary>The verdict on one prompt: what the probe found and every rule it breaks (not only the first).</summary>
public sealed record PromptValidation(AudioProbeResult Probe, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => !Diagnostics.Any(d => d.IsError);
}
