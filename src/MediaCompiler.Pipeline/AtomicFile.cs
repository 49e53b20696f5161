namespace MediaCompiler.Pipeline;

/// <summary>
/// Writes a file so that readers see the old content or the new one, never half of it: the bytes go to a temporary
/// file in the same folder (same volume, so the move is a rename), then replace the target in one step. Parallel
/// builds (-m) and a Ctrl+C mid-write therefore never leave a torn file behind.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
