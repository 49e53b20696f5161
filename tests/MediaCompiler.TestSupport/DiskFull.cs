using MediaCompiler.Storage;

namespace MediaCompiler.TestSupport;

/// <summary>
/// A write that runs out of disk part-way through, for real: the first <c>passBytes</c> reach the file being written,
/// the rest go to Linux's /dev/full, a device on which every write fails with ENOSPC, so the exception the code under
/// test handles is the runtime's own for a full disk (not one a test made up).
/// </summary>
public sealed class DiskFullStream(Stream file, long passBytes) : Stream
{
    private long _passed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => file.Length;
    public override long Position { get => file.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var pass = (int)Math.Min(buffer.Length, passBytes - _passed);
        file.Write(buffer[..pass]);
        file.Flush();
        _passed += pass;
        if (pass < buffer.Length)
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            full.Write(buffer[pass..]);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => file.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Until disposed, every write this flow makes through <see cref="AtomicFile"/> to a path <paramref name="fails"/>
    /// picks runs out of disk after <paramref name="passBytes"/> bytes. Returns the paths that failed.
    /// </summary>
    public static (IDisposable Scope, IReadOnlyCollection<string> Failed) Intercept(Func<string, bool> fails, long passBytes = 10)
    {
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var scope = AtomicFile.InterceptWrites((path, stream) =>
        {
            if (!fails(path))
            {
                return stream;
            }

            failed.Add(path);
            return new DiskFullStream(stream, passBytes);
        });
        return (scope, failed);
    }
}

/// <summary>A fact that needs Linux's /dev/full; skipped, saying so, elsewhere.</summary>
public sealed class DevFullFactAttribute : FactAttribute
{
    public DevFullFactAttribute()
    {
        if (!File.Exists("/dev/full"))
        {
            Skip = "needs /dev/full (Linux), a device on which every write fails with ENOSPC";
        }
    }
}
