using MediaCompiler.Audio;
using MediaCompiler.Pipeline;
using Microsoft.Build.Framework;

namespace MediaCompiler.Build;

/// <summary>
/// Derives a <see cref="CompiledPromptRecord"/> for every compiled prompt a pipeline run wrote.
/// </summary>
/// <remarks>
/// The pipeline reports only the paths it wrote (<c>&lt;NodeId&gt;.wav</c>), so what it does not say is derived here:
/// the source prompt by NodeId, the content hash by hashing the source as the pipeline does, the encoding from the
/// settings, duration and size from the compiled file. This is the one place to re-point once the pipeline returns a
/// record per compiled prompt (asset id included); nothing else in the task knows how records are made.
/// </remarks>
internal static class CompiledPromptRecords
{
    /// <param name="items">The IvrPrompt items, for what the pipeline does not carry (item spec, Language).</param>
    public static IReadOnlyList<CompiledPromptRecord> From(
        PipelineResult result,
        IReadOnlyList<PromptInput> prompts,
        IReadOnlyList<ITaskItem> items,
        PipelineSettings settings)
    {
        var promptByNodeId = prompts.ToDictionary(p => p.NodeId, StringComparer.OrdinalIgnoreCase);
        var itemByPath = items
            .GroupBy(item => item.GetMetadata("FullPath"), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

        var records = new List<CompiledPromptRecord>(result.WrittenFiles.Count);
        foreach (var compiledPath in result.WrittenFiles)
        {
            var nodeId = Path.GetFileNameWithoutExtension(compiledPath);
            if (!promptByNodeId.TryGetValue(nodeId, out var prompt))
            {
                continue;
            }
            itemByPath.TryGetValue(prompt.Path, out var item);
            var compiled = new FileInfo(compiledPath);
            records.Add(new CompiledPromptRecord(
                CompiledPath: compiled.FullName,
                NodeId: prompt.NodeId,
                Language: item?.GetMetadata("Language") ?? "",
                SourcePrompt: prompt.Path,
                SourceItemSpec: item?.ItemSpec ?? prompt.Path,
                Encoding: settings.Encoding,
                ContentHash: ContentHash.OfFile(prompt.Path),
                AssetId: "",
                CompilationId: result.CompilationId ?? "",
                DurationSeconds: AudioProbe.Probe(compiled.FullName).DurationSeconds,
                Bytes: compiled.Length));
        }
        return records;
    }
}
