using System.Runtime.ExceptionServices;

namespace MediaCompiler.Storage;

/// <summary>
/// Many files written atomically as one group (the compiled prompts of one output archive): each goes to a temporary
/// file beside its target, <see cref="Commit"/> then flushes them all at once and renames each into place. Flushes
/// issued together share the file system's journal commits, where one file after another pays a commit each (200
/// small files: about 13 commits instead of 200). Readers never see half a file; a batch disposed before its commit
/// (a failed download) leaves every target as it was.
/// </summary>
public sealed class AtomicFileBatch : IDisposable
{
    // Enough flushes in flight to fill a journal commit; more only queue in the kernel.
    private const int FlushesInFlight = 16;
    private readonly List<(string Temp, string Target)> _pending = [];

    /// <summary>Writes one file's new content to its temporary file (not yet flushed, not yet visible).</summary>
    public async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var temp = AtomicFile.TempPathFor(path);
        _pending.Add((temp, Path.GetFullPath(path)));
        await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var stream = AtomicFile.Intercepted(path, file);
        await write(stream, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes every written file to the device, then moves each to its target.</summary>
    public void Commit()
    {
        try
        {
            Parallel.ForEach(_pending, new ParallelOptions { MaxDegreeOfParallelism = FlushesInFlight }, file =>
            {
                using var stream = new FileStream(file.Temp, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 1);
                stream.Flush(flushToDisk: true);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // The caller handles an IOException (a full disk, a removed folder) as it would from one file's write.
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
        // In order: a failure leaves the files before it in place and the rest as they were (their temporaries go).
        var moved = 0;
        try
        {
            foreach (var (temp, target) in _pending)
            {
                File.Move(temp, target, overwrite: true);
                moved++;
            }
        }
        finally
        {
            _pending.RemoveRange(0, moved);
        }
    }

    public void Dispose()
    {
        foreach (var (temp, _) in _pending)
        {
            AtomicFile.TryDelete(temp);
        }
        _pending.Clear();
    }
}
