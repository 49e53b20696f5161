using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine.Compilation;

/// <summary>How a job ended: what <see cref="JobTable.TryFinish"/> records.</summary>
internal sealed record JobEnding(string Status, string Message, IReadOnlyList<CompileResult> Results, Dictionary<string, byte[]> Outputs)
{
    public static JobEnding Failed(string message) => new(CompileJobStates.Failed, message, [], []);
}

/// <summary>
/// The engine's jobs by id, and their persisted records. Every change of a job's state happens here, under one lock;
/// the outside world sees <see cref="CompileJobStatus"/> snapshots.
/// </summary>
internal sealed class JobTable(JsonStateStore? disk, IncidentReporter incidents, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, CompileJob> _jobs = new(StringComparer.Ordinal);

    public void Add(CompileJob job)
    {
        lock (_gate)
        {
            _jobs[job.Id] = job;
            disk?.SaveJob(job.ToRecord());
        }
    }

    public CompileJob? Find(string? id)
    {
        lock (_gate)
        {
            return id is not null && _jobs.TryGetValue(id, out var job) ? job : null;
        }
    }

    public CompileJobStatus? Snapshot(string? id)
    {
        lock (_gate)
        {
            return id is not null && _jobs.TryGetValue(id, out var job) ? job.Snapshot() : null;
        }
    }

    /// <summary>Reads under the lock (downloads look at a job's outputs while it may be finishing).</summary>
    public T Read<T>(Func<IReadOnlyDictionary<string, CompileJob>, T> read)
    {
        lock (_gate)
        {
            return read(_jobs);
        }
    }

    /// <summary>Marks the job RUNNING; false when it was forgotten (reset) before a worker took it up.</summary>
    public bool TryStart(CompileJob job)
    {
        lock (_gate)
        {
            if (!IsCurrent(job))
            {
                return false;
            }

            job.Status = CompileJobStates.Running;
            return true;
        }
    }

    /// <summary>Records the job's end; null when the job was forgotten meanwhile (then nothing is recorded).</summary>
    public CompileJobStatus? TryFinish(CompileJob job, JobEnding ending)
    {
        lock (_gate)
        {
            if (!IsCurrent(job))
            {
                return null;
            }

            job.Status = ending.Status;
            job.Message = ending.Message;
            job.Results = ending.Results;
            job.Outputs = ending.Outputs;
            job.CompletedDate = time.GetUtcNow();
            TrySaveFinalState(job);
            return job.Snapshot();
        }
    }

    /// <summary>Forgets every job; <paramref name="alsoUnderLock"/> clears the rest of the engine's state atomically with it.</summary>
    public List<CompileJob> RemoveAll(Action alsoUnderLock)
    {
        lock (_gate)
        {
            List<CompileJob> forgotten = [.. _jobs.Values];
            _jobs.Clear();
            alsoUnderLock();
            return forgotten;
        }
    }

    public List<CompileJob> All()
    {
        lock (_gate)
        {
            return [.. _jobs.Values];
        }
    }

    /// <summary>Loads persisted jobs; returns those that had not finished, to be run again.</summary>
    public List<CompileJob> Load(List<Diagnostic> warnings)
    {
        var unfinished = new List<CompileJob>();
        if (disk is null)
        {
            return unfinished;
        }

        lock (_gate)
        {
            foreach (var record in disk.LoadJobs(warnings))
            {
                var job = CompileJob.FromRecord(record);
                _jobs[job.Id] = job;
                if (CompileJobStates.IsFinal(job.Status))
                {
                    job.Finished.TrySetResult(job.Snapshot());
                }
                else
                {
                    job.Status = CompileJobStates.Queued;
                    unfinished.Add(job);
                }
            }
        }

        return unfinished;
    }

    /// <summary>
    /// A final state that cannot be written still counts in memory; on disk the job stays QUEUED and runs again after a
    /// restart, which is the safe side. The failure is reported as an incident.
    /// </summary>
    private void TrySaveFinalState(CompileJob job)
    {
        try
        {
            disk?.SaveJob(job.ToRecord());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            incidents.Report($"saving the final state of compile job {job.Id}", e);
        }
    }

    private bool IsCurrent(CompileJob job) => _jobs.TryGetValue(job.Id, out var current) && ReferenceEquals(current, job);
}
