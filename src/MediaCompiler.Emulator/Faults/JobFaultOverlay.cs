using System.Collections.Concurrent;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.Faults;

/// <summary>
/// Job faults as a decorator over the engine's answers: the engine runs every job for real and knows nothing of
/// faults; the emulator decides a fault when a job is submitted and rewrites what clients see of that job (status,
/// outputs, webhook). So the engine the build ships carries no fault code.
/// </summary>
internal sealed class JobFaultOverlay(FaultController faults)
{
    private readonly ConcurrentDictionary<string, JobFault> _faulted = new(StringComparer.Ordinal);

    /// <summary>Asks the fault switch once for a job just accepted.</summary>
    public void DecideFor(string jobId)
    {
        var fault = faults.DecideJob();
        if (fault != JobFault.None)
        {
            _faulted[jobId] = fault;
        }
    }

    /// <summary>The job as clients must see it: forced FAILED, or RUNNING for ever, or as the engine has it.</summary>
    public CompileJobStatus Apply(CompileJobStatus job) =>
        _faulted.TryGetValue(job.Id, out var fault) ? Rewrite(job, fault) : job;

    /// <summary>A faulted job has no outputs to download: a forced failure compiled nothing, a never-finishing job is not done.</summary>
    public bool HidesOutputsOf(string jobId) => _faulted.ContainsKey(jobId);

    /// <summary>A never-finishing job never sends its webhook.</summary>
    public bool SuppressesWebhookOf(string jobId) => _faulted.TryGetValue(jobId, out var fault) && fault == JobFault.NeverFinish;

    /// <summary>Forgets every decision (emulator reset: the engine forgets the jobs too).</summary>
    public void Clear() => _faulted.Clear();

    private static CompileJobStatus Rewrite(CompileJobStatus job, JobFault fault) => fault switch
    {
        JobFault.Fail => job with
        {
            Status = CompileJobStates.Failed,
            CompletedDate = job.CompletedDate ?? job.SubmittedDate,
            Message = Diagnostic.Create(DiagnosticCatalog.EngineJobForcedFailure, null, job.Id).Message,
            Results = [],
        },
        JobFault.NeverFinish => job with { Status = CompileJobStates.Running, CompletedDate = null, Message = null, Results = [] },
        _ => job,
    };
}
