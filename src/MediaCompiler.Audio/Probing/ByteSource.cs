namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Positioned reads over a seekable stream, so that every parser reads only the few bytes it needs wherever they are
/// (headers at the start, tags and the last Ogg page at the end) and never walks the audio payload.
/// </summary>
internal sealed class ByteSource
{
    private readonly Stream _stream;

    public ByteSource(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; fewer only at the end of the file.</summary>
    public int ReadAt(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        _stream.Position = offset;
        var total = 0;
        while (total < buffer.Length)
        {
            var read = _stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>True when all of <paramref name="buffer"/> could be filled from <paramref name="offset"/>.</summary>
    public bool TryReadExactly(long offset, Span<byte> buffer) => ReadAt(offset, buffer) == buffer.Length;

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/> into a new array.</summary>
    public byte[] ReadBlock(long offset, int count)
    {
        var available = (int)Math.Clamp(Length - offset, 0, count);
        var block = new byte[available];
        var read = ReadAt(offset, block);
        return read == available ? block : block[..read];
    }
}
