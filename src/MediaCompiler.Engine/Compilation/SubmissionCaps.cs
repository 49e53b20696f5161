using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// The engine's limits on work one request can cause: entries per job (one 14 KB request of 200 entries made 50 MB of
/// output; nothing stopped 30,000) and unfinished jobs in all. Checked before anything is validated or stored.
/// </summary>
internal static class SubmissionCaps
{
    public static EngineRejection? Check(CompileRequest? request, MediaEngineOptions options, JobTable jobs)
    {
        if (request?.Media is { } media && media.Count > options.MaxEntriesPerJob)
        {
            return Refuse(RejectionReason.TooLarge, "media", DiagnosticCatalog.EngineJobTooManyEntries, media.Count, options.MaxEntriesPerJob);
        }

        var unfinished = jobs.Read(table => table.Values.Count(j => !CompileJobStates.IsFinal(j.Status)));
        return unfinished >= options.MaxUnfinishedJobs
            ? Refuse(RejectionReason.Busy, null, DiagnosticCatalog.EngineQueueFull, unfinished, "QUEUED or RUNNING", options.MaxUnfinishedJobs)
            : null;
    }

    private static EngineRejection Refuse(RejectionReason reason, string? field, DiagnosticDescriptor descriptor, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, null, args);
        return new EngineRejection(reason, diagnostic.Code, diagnostic.Message, [new ApiErrorDetail(field, diagnostic.Code, diagnostic.Message)]);
    }
}
