using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Appends one JSON line per compile job. Several projects of one solution may share a log and build in parallel
/// (-m), so each line is written in a single write under an exclusive open of the file: another process waiting for
/// the file retries briefly instead of interleaving its bytes with ours. A full disk is not retried, and leaves no half
/// line behind (<see cref="AtomicFile.Append"/>).
/// </summary>
public static class AuditLog
{
    public static void Append(string path, AuditRecord record, IPipelineLog log)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, AuditJson.Default.AuditRecord) + "\n");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    AtomicFile.Append(path, line);
                    return;
                }
                catch (IOException ex) when (attempt < 50 && File.Exists(path) && !WriteFailure.IsDiskFull(ex))
                {
                    // Held by a parallel build: its write takes microseconds, so a short wait is enough.
                    Thread.Sleep(20);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The audit trail is a record, not the work: a path it cannot use (a folder, "/", bad characters) is a
            // warning, and a compiled build stays successful.
            log.Report(Diagnostic.Create(DiagnosticCatalog.AuditLogWriteFailed, path, path, ex.Message));
        }
    }
}

/// <summary>
/// The audit line's metadata, generated at compile time: the web defaults (camelCase, nulls written). Reflection
/// built it, with emitted accessors, at the end of every build.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class AuditJson : JsonSerializerContext;
