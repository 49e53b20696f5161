using System.Collections.Concurrent;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.RateLimiting;

/// <summary>
/// Each client's unfinished compile jobs, so that one client cannot queue unbounded work on the engine all clients
/// share: beyond <see cref="EmulatorSettings.MaxUnfinishedJobsPerClient"/> a submission is refused with 429 and
/// Retry-After (IVR3409), as a real service protects itself. Finished jobs are forgotten as they are seen.
/// </summary>
public sealed class ClientJobQueues(EmulatorSettings settings)
{
    /// <summary>What the refusal's Retry-After asks for: about one job's time on a busy engine.</summary>
    public const int RetryAfterSeconds = 2;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byClient = new(StringComparer.Ordinal);

    /// <summary>The refusal for one more job of <paramref name="clientId"/>, or null when it may submit.</summary>
    /// <param name="clientId">The submitting client (its OAuth client id).</param>
    /// <param name="statusOf">A job's status as clients see it (faults included); null for a job the engine forgot.</param>
    public Diagnostic? Refusal(string clientId, Func<string, string?> statusOf)
    {
        if (!_byClient.TryGetValue(clientId, out var jobs))
        {
            return null;
        }
        foreach (var id in jobs.Keys)
        {
            if (statusOf(id) is not { } status || CompileJobStates.IsFinal(status))
            {
                jobs.TryRemove(id, out _);
            }
        }
        return jobs.Count >= settings.MaxUnfinishedJobsPerClient
            ? Diagnostic.Create(DiagnosticCatalog.EngineClientQueueFull, null, jobs.Count, settings.MaxUnfinishedJobsPerClient)
            : null;
    }

    public void Record(string clientId, string jobId) =>
        _byClient.GetOrAdd(clientId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[jobId] = 0;

    /// <summary>POST /emulator/reset: the engine forgot its jobs.</summary>
    public void Clear() => _byClient.Clear();
}
