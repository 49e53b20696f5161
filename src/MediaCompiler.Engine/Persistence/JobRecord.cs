using MediaCompiler.Contract;

namespace MediaCompiler.Engine.Persistence;

/// <summary>What the data directory keeps of a compile job (jobs/{id}.json).</summary>
internal sealed record JobRecord(
    string Id,
    CompileRequest Request,
    string Encoding,
    DateTimeOffset SubmittedDate,
    string Status,
    DateTimeOffset? CompletedDate,
    string? Message,
    IReadOnlyList<CompileResult> Results);
