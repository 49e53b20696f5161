namespace MediaCompiler.Build;

/// <summary>One compiled prompt as the project sees it: the file, and what maps it back to its source prompt.</summary>
/// <param name="CompiledPath">Full path of the compiled prompt (in the intermediate folder).</param>
/// <param name="SourcePrompt">Full path of the IvrPrompt it was compiled from.</param>
/// <param name="SourceItemSpec">The IvrPrompt as the project spells it (relative): what the manifest records.</param>
/// <param name="AssetId">The engine's asset id; empty until the pipeline reports it per prompt.</param>
internal sealed record CompiledPromptRecord(
    string CompiledPath,
    string NodeId,
    string Language,
    string SourcePrompt,
    string SourceItemSpec,
    string Encoding,
    string ContentHash,
    string AssetId,
    string CompilationId,
    double? DurationSeconds,
    long Bytes);
