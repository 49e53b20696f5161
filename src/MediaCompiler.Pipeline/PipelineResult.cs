namespace MediaCompiler.Pipeline;

/// <summary>What a pipeline run did. <see cref="WrittenFiles"/> are the compiled prompts saved (for FileWrites).</summary>
public sealed record PipelineResult(
    bool Succeeded,
    IReadOnlyList<string> WrittenFiles,
    int Uploaded,
    int Reused,
    int Compiled,
    string? CompilationId)
{
    /// <summary>The prompts a completed job compiled READY, in prompt order.</summary>
    public IReadOnlyList<CompiledPrompt> CompiledPrompts { get; init; } = [];

    /// <summary>IvrPlanOnly: what the next run would do; null on every other run.</summary>
    public Planning.PromptPlan? Plan { get; init; }

    public static PipelineResult Failed(IReadOnlyList<string>? written = null) => new(false, written ?? [], 0, 0, 0, null);
}
