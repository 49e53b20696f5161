using MediaCompiler.Diagnostics;

namespace MediaCompiler.Client;

/// <summary>
/// Writes downloads through a temp file in the destination folder and a final move, so a cancelled or failed
/// download never leaves a half-written WAV that a later build would take for a finished one.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string destinationPath, ReadOnlyMemory<byte> bytes, string source, CancellationToken cancellationToken)
    {
        await WriteAsync(destinationPath, source, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteAsync(string destinationPath, string source, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(destinationPath);
        var folder = Path.GetDirectoryName(fullPath)!;
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, null, null, ex, source, $"writing '{destinationPath}' failed: {ex.Message}");
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
                File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless: its name never matches a real output.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
