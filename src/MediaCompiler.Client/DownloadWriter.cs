using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Client;

/// <summary>
/// Saves a compiled prompt atomically (<see cref="AtomicFile"/>), so a cancelled or failed download never leaves a
/// half-written WAV that a later build would take for a finished one; a file-system failure becomes IVR4011.
/// </summary>
internal static class DownloadWriter
{
    public static Task WriteAsync(string destinationPath, ReadOnlyMemory<byte> bytes, string source, CancellationToken cancellationToken) =>
        WriteAsync(destinationPath, source, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);

    public static async Task WriteAsync(string destinationPath, string source, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAsync(destinationPath, write, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(ex, source, $"'{destinationPath}'");
        }
    }

    /// <summary>One file of a batch (see <see cref="AtomicFileBatch"/>): written now, in place after <see cref="Commit"/>.</summary>
    public static async Task WriteAsync(AtomicFileBatch batch, string destinationPath, string source, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await batch.WriteAsync(destinationPath, write, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(ex, source, $"'{destinationPath}'");
        }
    }

    public static void Commit(AtomicFileBatch batch, string directory, string source)
    {
        try
        {
            batch.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(ex, source, $"into '{directory}'");
        }
    }

    private static MediaEngineException WriteFailed(Exception ex, string source, string where) =>
        RemoteFailures.Create(DiagnosticCatalog.RemoteDownloadFailed, null, null, ex, source, $"writing {where} failed: {ex.Message}");
}
