using System.Threading.Channels;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// Runs queued jobs on the thread pool, at most <c>workerCount</c> at once (one loop per worker over a shared queue).
/// Disposing stops the loops: running jobs see their token cancelled and queued ones never start.
/// </summary>
internal sealed class JobRunner : IDisposable
{
    private readonly Channel<CompileJob> _queue = Channel.CreateUnbounded<CompileJob>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<CompileJob, CancellationToken, Task> _run;
    private readonly Task[] _workers;

    public JobRunner(int workerCount, Func<CompileJob, CancellationToken, Task> run)
    {
        _run = run;
        _workers = Enumerable.Range(0, Math.Max(1, workerCount)).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    public void Enqueue(CompileJob job) => _queue.Writer.TryWrite(job);

    public void Dispose()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        try
        {
            // Bounded: a worker stuck in a handler must not hang the host's shutdown.
            Task.WaitAll(_workers, TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Workers end by cancellation; nothing to report.
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
                    catch (Exception) when (!token.IsCancellationRequested)
                    {
                        // The run delegate handles its own failures; this only keeps the worker alive whatever happens.
                    }

                    token.ThrowIfCancellationRequested();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
