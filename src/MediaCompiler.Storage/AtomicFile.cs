namespace MediaCompiler.Storage;

/// <summary>
/// Whole-file writes that readers never see half done: the bytes go to a temporary file in the same folder, are
/// flushed to disk, and the temporary file then replaces the target in one rename. A process killed mid-write leaves
/// the old file (or none) plus a stray <c>*.tmp</c>, which <see cref="DeleteLeftovers"/> removes.
/// The one implementation for every layer: the engine's state, the build's prompt cache and downloaded prompts.
/// <see cref="Durability.Unflushed"/> skips the flush for files whose readers verify the bytes (the prompt cache);
/// <see cref="AtomicFileBatch"/> flushes many files together.
/// </summary>
public static partial class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void WriteAllText(string path, string content, Durability durability = Durability.Flushed) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content), durability);

    /// <summary>
    /// Writes <paramref name="content"/> atomically unless the file already holds exactly these bytes (then it is left
    /// alone, its date included). True when it wrote.
    /// </summary>
    public static bool WriteIfDifferent(string path, byte[] content)
    {
        if (File.Exists(path) && new FileInfo(path).Length == content.LongLength && content.AsSpan().SequenceEqual(File.ReadAllBytes(path)))
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        WriteAllBytes(path, content);
        return true;
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, Durability durability = Durability.Flushed)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = Intercepted(path, file);
                stream.Write(content);
                stream.Flush();
                // Flush to the device before the rename, or a crash could leave the new name on empty blocks.
                file.Flush(flushToDisk: durability == Durability.Flushed);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Gives <paramref name="path"/> the bytes of <paramref name="source"/>, atomically, as a hard link where the file
    /// system allows (no bytes written, no inode made), else as an <see cref="Durability.Unflushed"/> copy. Returns the
    /// bytes now at <paramref name="path"/>, read back from it, so a caller that records their hash records what is there.
    /// Only for sources that are replaced by rename, never rewritten in place (a link shares their bytes).
    /// </summary>
    public static byte[] LinkOrCopy(string source, string path)
    {
        // The write seam sees only written bytes, so a test that intercepts writes gets the copy.
        if (Interceptor.Value is null && TryLink(source, path))
        {
            return File.ReadAllBytes(path);
        }
        var copied = File.ReadAllBytes(source);
        WriteAllBytes(path, copied, Durability.Unflushed);
        return copied;
    }

    /// <summary>
    /// Makes <paramref name="path"/> a hard link to <paramref name="source"/>, replacing whatever was there atomically
    /// (link to a temporary name, then rename). False, with nothing changed, where the file system, volume pair or
    /// platform cannot link: the caller then leaves the copy to whoever makes it. Only for sources that are replaced by
    /// rename, never rewritten in place (a link shares their bytes).
    /// </summary>
    public static bool TryLink(string source, string path)
    {
        var temp = TempPathFor(path);
        if (!HardLink.TryCreate(Path.GetFullPath(source), temp))
        {
            return false;
        }
        try
        {
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Streams the new content through <paramref name="write"/>; the target changes only if it completes.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var temp = TempPathFor(path);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var stream = Intercepted(path, file);
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A unique temporary name beside the target (same folder, so the final move is a rename).</summary>
    internal static string TempPathFor(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        return $"{fullPath}.{Guid.NewGuid():N}{TempSuffix}";
    }

    /// <summary>Removes temporary files that a killed process left in <paramref name="directory"/>.</summary>
    public static void DeleteLeftovers(string directory)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, "*" + TempSuffix))
        {
            TryDelete(temp);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open elsewhere or already gone; a leftover is cleaned on the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}

/// <summary>What a finished write promises if the machine loses power right after it.</summary>
public enum Durability
{
    /// <summary>The bytes reach the device before the new name appears: after a power loss the file is whole, old or new.</summary>
    Flushed,

    /// <summary>
    /// No flush (a flush costs a journal commit, milliseconds per file): running readers still never see half a file,
    /// but after a power loss the new name may hold an empty or zero-filled file. Only for files whose every reader
    /// checks what it reads (the prompt cache: JSON that must parse, bytes against the SHA-256 their entry recorded).
    /// </summary>
    Unflushed,
}
