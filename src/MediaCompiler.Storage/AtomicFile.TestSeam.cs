namespace MediaCompiler.Storage;

public static partial class AtomicFile
{
    /// <summary>
    /// Test seam for the writes' failure paths: a wrapper put around the stream of every write made on this logical
    /// flow (an <see cref="AsyncLocal{T}"/>, so parallel tests and other builds in the process are not affected), given
    /// the target path. Tests use it to make a write run out of disk part-way through (see the tests' DiskFullStream,
    /// which sends the rest of the bytes to Linux's /dev/full for a real ENOSPC); null in every real run.
    /// </summary>
    private static readonly AsyncLocal<Func<string, Stream, Stream>?> Interceptor = new();

    /// <summary>Puts <paramref name="wrap"/> around this flow's writes until the result is disposed (tests only).</summary>
    internal static IDisposable InterceptWrites(Func<string, Stream, Stream> wrap)
    {
        var previous = Interceptor.Value;
        Interceptor.Value = wrap;
        return new Restore(() => Interceptor.Value = previous);
    }

    internal static Stream Intercepted(string path, Stream stream) =>
        Interceptor.Value is { } wrap ? wrap(Path.GetFullPath(path), stream) : stream;

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
