namespace MediaCompiler.Storage;

public static partial class AtomicFile
{
    /// <summary>
    /// Appends <paramref name="content"/> to <paramref name="path"/> in one write, under an exclusive open: all of it
    /// or, when the write fails (a full disk), none of it: the file is cut back to its length before the append, so a
    /// log never keeps half a line. A sharing violation (another process appending) is the caller's to retry.
    /// </summary>
    public static void Append(string path, ReadOnlySpan<byte> content)
    {
        // Unbuffered (buffer size 1): a failed write leaves no bytes in a buffer that closing would try to write again.
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        var before = file.Length;
        try
        {
            var stream = Intercepted(path, file);
            stream.Write(content);
            stream.Flush();
            file.Flush();
        }
        catch (IOException)
        {
            // Cut back what reached the file; the caller still gets the failure to report.
            file.SetLength(before);
            throw;
        }
    }
}
