namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Decodes a validated prompt to mono samples for the quality checks. The pipeline knows no engine: the composition
/// root (the MSBuild task) passes one over the engine's in-process decoders, tests pass their own.
/// </summary>
public interface IPromptSampleDecoder
{
    PromptSamples Decode(ValidatedPrompt prompt, CancellationToken cancellationToken);
}

/// <summary>What decoding a prompt for the checks gave: its samples, or why it could not be decoded in-process.</summary>
public abstract record PromptSamples
{
    /// <summary>Mono samples (full scale 1.0) at the prompt's own rate.</summary>
    public sealed record Decoded(float[] Samples, int SampleRate) : PromptSamples;

    /// <summary>
    /// No in-process decode (a format only ffmpeg reads, damaged data, the file gone since validation): the checks skip
    /// the prompt and say why; whether it compiles is for the engine to say.
    /// </summary>
    public sealed record NotDecoded(string Reason) : PromptSamples;
}
