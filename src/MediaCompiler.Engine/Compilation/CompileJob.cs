using MediaCompiler.Contract;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// One compile job as the engine tracks it. Mutable fields are changed only under the engine's lock; the outside
/// world sees immutable <see cref="CompileJobStatus"/> snapshots.
/// </summary>
internal sealed class CompileJob
{
    public CompileJob(string id, CompileRequest request, string encoding, DateTimeOffset submittedDate)
    {
        Id = id;
        Request = request;
        Encoding = encoding;
        Law = G711.TryParseEncoding(encoding, out var law) ? law : G711Law.MuLaw;
        SubmittedDate = submittedDate;
    }

    public string Id { get; }

    public CompileRequest Request { get; }

    /// <summary>The requested encoding, lower-case, as results show it.</summary>
    public string Encoding { get; }

    public G711Law Law { get; }

    public DateTimeOffset SubmittedDate { get; }

    public string Status { get; set; } = CompileJobStates.Queued;

    public DateTimeOffset? CompletedDate { get; set; }

    public string? Message { get; set; }

    public IReadOnlyList<CompileResult> Results { get; set; } = [];

    /// <summary>Compiled WAVs by node id, when the engine keeps everything in memory.</summary>
    public Dictionary<string, byte[]> Outputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Cancelled when the engine forgets the job (reset) or stops (dispose).</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Completed with the final status; <see cref="MediaEngine.WaitForJobAsync"/> awaits it.</summary>
    public TaskCompletionSource<CompileJobStatus> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<CompileMediaEntry> Media => Request.Media ?? [];

    /// <summary>The position of the entry for <paramref name="nodeId"/> (node ids are unique within a job), or -1.</summary>
    public int IndexOfNode(string nodeId)
    {
        for (int i = 0; i < Media.Count; i++)
        {
            if (string.Equals(Media[i].NodeId, nodeId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public CompileJobStatus Snapshot() =>
        new(Id, Request.FlowId ?? string.Empty, Request.CorrelationId, Status, SubmittedDate, CompletedDate, Message, Results);

    public JobRecord ToRecord() => new(Id, Request, Encoding, SubmittedDate, Status, CompletedDate, Message, Results);

    public static CompileJob FromRecord(JobRecord record) =>
        new(record.Id, record.Request, record.Encoding, record.SubmittedDate)
        {
            Status = record.Status,
            CompletedDate = record.CompletedDate,
            Message = record.Message,
            Results = record.Results,
        };
}
