namespace MediaCompiler.TestSupport;

/// <summary>
/// Zeros, forever: the body of a server that never stops sending (a test of a bound must end at the bound, not at
/// the end of the body).
/// </summary>
public sealed class EndlessStream : ForwardOnlyStream
{
    public override int Read(byte[] buffer, int offset, int count)
    {
        Array.Clear(buffer, offset, count);
        return count;
    }
}

/// <summary>A stream that can only be read, front to back, like a network body; subclasses say what it reads.</summary>
public abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
