namespace MediaCompiler.Pipeline;

/// <summary>
/// One compiled prompt, as values (the MSBuild layer turns these into IvrCompiledPrompt items and a manifest).
/// </summary>
/// <param name="OutputPath">The saved <c>&lt;NodeId&gt;.wav</c>; null when compiled prompts are not downloaded.</param>
/// <param name="Language">The prompt's language; null until prompts carry one.</param>
/// <param name="SourcePath">The source prompt as written in the project (the item spec), else its full path.</param>
/// <param name="ContentHash">SHA-256 of the source (<c>sha256:...</c>).</param>
/// <param name="DurationSeconds">The source's duration from its headers, when they tell it.</param>
/// <param name="Bytes">Size of the saved output; null when not downloaded.</param>
public sealed record CompiledPrompt(
    string? OutputPath,
    string NodeId,
    string? Language,
    string SourcePath,
    string Encoding,
    string ContentHash,
    string AssetId,
    string CompilationId,
    double? DurationSeconds,
    long? Bytes);
