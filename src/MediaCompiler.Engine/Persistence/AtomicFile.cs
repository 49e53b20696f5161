namespace MediaCompiler.Engine.Persistence;

/// <summary>
/// Whole-file writes that readers never see half done: the bytes go to a temporary file in the same folder, are
/// flushed to disk, and the temporary file then replaces the target in one rename. A process killed mid-write leaves
/// the old file (or none) plus a stray <c>*.tmp</c>, which <see cref="DeleteLeftovers"/> removes.
/// </summary>
internal static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                // Flush to the device before the rename, or a crash could leave the new name on empty blocks.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
