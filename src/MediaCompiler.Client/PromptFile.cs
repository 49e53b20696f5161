using MediaCompiler.Diagnostics;

namespace MediaCompiler.Client;

/// <summary>Reads a prompt for upload; shared by every client so an unreadable file is the same IVR4013 everywhere.</summary>
internal static class PromptFile
{
    public static async Task<byte[]> ReadForUploadAsync(string filePath, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(filePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteUploadFileUnreadable, null, null, ex, filePath, ex.Message);
        }
    }
}
