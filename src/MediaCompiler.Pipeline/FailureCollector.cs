using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>
/// The one place a run's failures go: each is reported to the log and kept for the audit line. Thread-safe, since
/// uploads and downloads fail on many threads at once.
/// </summary>
public sealed class FailureCollector(IPipelineLog log)
{
    private readonly object _gate = new();
    private readonly List<AuditFailure> _failures = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count;
            }
        }
    }

    /// <summary>Reports <paramref name="diagnostic"/>; <paramref name="prompt"/> null for a failure of the whole run.</summary>
    public void Add(PromptInput? prompt, Diagnostic diagnostic)
    {
        lock (_gate)
        {
            log.Report(diagnostic);
            _failures.Add(new AuditFailure(prompt?.NodeId, prompt?.Path, diagnostic.Code, diagnostic.Message));
        }
    }

    public IReadOnlyList<AuditFailure> ToList()
    {
        lock (_gate)
        {
            return [.. _failures];
        }
    }
}
