using MediaCompiler.Contract;

namespace MediaCompiler.Engine;

/// <summary>The result of a compile submission: the queued job, or the rejection with one detail per bad field.</summary>
public sealed record SubmitOutcome(CompileAccepted? Accepted, EngineRejection? Rejection)
{
    public bool IsAccepted => Accepted is not null;
}
