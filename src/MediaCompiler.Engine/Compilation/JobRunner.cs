using System.Threading.Channels;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// Runs queued jobs on the thread pool, at most <c>workerCount</c> at once (one loop per worker over a shared queue).
/// Disposing stops the loops: running jobs see their token cancelled and queued ones never start.
/// </summary>
internal sealed class JobRunner : IDisposable
{
    /// <summary>How long disposing waits for workers: a worker stuck in a handler must not hang the host's shutdown.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<CompileJob> _queue = Channel.CreateUnbounded<CompileJob>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<CompileJob, CancellationToken, Task> _run;
    private readonly IncidentReporter _incidents;
    private readonly Task[] _workers;

    public JobRunner(int workerCount, Func<CompileJob, CancellationToken, Task> run, IncidentReporter incidents)
    {
        _run = run;
        _incidents = incidents;
        _workers = Enumerable.Range(0, Math.Max(1, workerCount)).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    public void Enqueue(CompileJob job) => _queue.Writer.TryWrite(job);

    public void Dispose()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        // The workers catch their own failures (see WorkAsync), so waiting can only time out, not throw.
        if (!Task.WaitAll(_workers, StopTimeout))
        {
            _incidents.Report("stopping the job workers", new TimeoutException(
                $"{_workers.Count(w => !w.IsCompleted)} job worker(s) did not stop within {StopTimeout.TotalSeconds:0} s; they are abandoned."));
        }

        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var job))
                {
                    try
                    {
                        await _run(job, token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested && e is not OutOfMemoryException)
                    {
                        // The run delegate ends its own jobs; an exception escaping it is a bug: counted, and the worker lives on.
                        _incidents.Report($"running compile job {job.Id}", e);
                    }

                    token.ThrowIfCancellationRequested();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: the normal end of a worker.
        }
    }
}
