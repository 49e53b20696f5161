namespace MediaCompiler.Pipeline;

/// <summary>
/// An exclusive lock file between processes (an OS lock the kernel drops if the holder dies, so no build can leave it
/// stuck). Used by builds that share a state file.
/// </summary>
internal static class FileLock
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>The held lock (dispose to release), or null when another holder kept it for all of <paramref name="wait"/>.</summary>
    public static FileStream? TryAcquire(string lockPath, TimeSpan wait)
    {
        var giveUpAt = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (File.Exists(lockPath) && DateTime.UtcNow < giveUpAt)
            {
                // Held by another build (or another thread of this one): wait a little and try again.
                Thread.Sleep(RetryEvery);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                return null;
            }
        }
    }
}
