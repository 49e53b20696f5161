using System.Text;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;
using MediaCompiler.Storage;

namespace MediaCompiler.Build;

/// <summary>
/// Writes what a run compiled, twice: <c>prompts.json</c> beside the compiled prompts (deployed with them: a deployment
/// step maps each file back to its prompt) and the item index in the intermediate folder (<see cref="PromptItemIndex"/>),
/// which the targets import on every build, so that a no-op build (the task skipped) still produces the same
/// IvrCompiledPrompt items and content without loading the task.
/// </summary>
internal static class PromptManifest
{
    public const string FileName = "prompts.json";

    /// <returns>
    /// Null when both files were written; otherwise, on the file that was not, IVR5010 for a full disk or the IVR2041
    /// to report. Each is written atomically: a failed write leaves the previous file whole.
    /// </returns>
    public static Diagnostic? Write(IReadOnlyList<CompiledPromptRecord> records, string compiledPromptsDirectory, string itemIndexPath, string flowId)
    {
        var manifestPath = Path.Combine(compiledPromptsDirectory, FileName);
        return TryWrite(manifestPath, () => ToJson(records, flowId))
            ?? TryWrite(itemIndexPath, () => Encoding.UTF8.GetBytes(PromptItemIndex.ToText(records, compiledPromptsDirectory)));
    }

    private static Diagnostic? TryWrite(string path, Func<byte[]> content)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.WriteAllBytes(path, content());
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return WriteFailure.Describe(ex, path, path, () => Diagnostic.Create(DiagnosticCatalog.ManifestNotWritten, path, path, ex.Message));
        }
    }

    /// <summary>
    /// Deletes the compiled prompts the last run wrote (its item index) that this run did not: prompts renamed or
    /// removed from the project. Only files inside <paramref name="compiledPromptsDirectory"/> are touched, whatever
    /// the index says. Returns the paths removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(IReadOnlyList<CompiledPromptRecord> records, string compiledPromptsDirectory, string itemIndexPath, IPipelineLog log)
    {
        if (!File.Exists(itemIndexPath))
        {
            return [];
        }
        var root = Path.GetFullPath(compiledPromptsDirectory);
        root = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        var current = CaseTwins.Index(records.Select(r => Path.GetFullPath(r.CompiledPath)));
        var removed = new List<string>();
        foreach (var listed in PromptItemIndex.ReadOutputs(itemIndexPath))
        {
            var path = Path.GetFullPath(listed);
            // A prompt renamed by case only: on Windows or macOS its old spelling is the new compiled prompt itself.
            if (path.StartsWith(root, StringComparison.Ordinal) && CaseTwins.IsOwnFile(path, current))
            {
                File.Delete(path);
                removed.Add(path);
                log.Info($"IVR prompts: removed {path}: its prompt left the project.");
            }
        }
        return removed;
    }

    private static byte[] ToJson(IReadOnlyList<CompiledPromptRecord> records, string flowId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("flowId", flowId);
            json.WriteStartArray("prompts");
            foreach (var record in records)
            {
                json.WriteStartObject();
                json.WriteString("nodeId", record.NodeId);
                json.WriteString("file", Path.GetFileName(record.CompiledPath));
                json.WriteString("language", record.Language);
                // The path as the project spells it, with '/': the manifest is read on other machines than the build's.
                json.WriteString("source", record.SourceItemSpec.Replace('\\', '/'));
                json.WriteString("contentHash", record.ContentHash);
                json.WriteString("encoding", record.Encoding);
                if (record.DurationSeconds is { } seconds)
                {
                    json.WriteNumber("durationSeconds", Math.Round(seconds, 3));
                }
                json.WriteNumber("bytes", record.Bytes);
                json.WriteString("assetId", record.AssetId);
                json.WriteString("compilationId", record.CompilationId);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
