namespace MediaCompiler.Pipeline.Caching;

/// <summary>
/// Work a build starts and must see end before it does (the prompt cache's trim): started on the
/// thread pool, awaited together by <see cref="WaitForAll"/>. Thread-safe.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly List<Task> _started = [];

    public void Start(Action work)
    {
        var task = Task.Run(work);
        lock (_started)
        {
            _started.Add(task);
        }
    }

    /// <summary>
    /// Waits for everything started so far, then throws the first failure: every piece has ended by then, so none
    /// outlives the caller.
    /// </summary>
    public void WaitForAll()
    {
        Task[] pending;
        lock (_started)
        {
            pending = [.. _started];
            _started.Clear();
        }
        Task.WhenAll(pending).GetAwaiter().GetResult();
    }
}
