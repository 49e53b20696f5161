using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>Checks, before any network work, that compiled prompts can be written where they go.</summary>
public static class OutputFolder
{
    /// <summary>IVR5009 when <paramref name="directory"/> cannot be created or written (permissions, a file in the way, a read-only or full disk).</summary>
    public static Diagnostic? WriteProblem(string directory)
    {
        var probe = Path.Combine(directory, $".ivr-write-check-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
                stream.Flush(flushToDisk: false);
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return WriteFailure.Describe(ex, directory, directory,
                () => Diagnostic.Create(DiagnosticCatalog.OutputFolderNotWritable, directory, directory, ex.Message));
        }
    }
}
