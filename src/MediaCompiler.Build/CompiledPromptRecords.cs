using MediaCompiler.Audio;
using MediaCompiler.Pipeline;
using Microsoft.Build.Framework;

namespace MediaCompiler.Build;

/// <summary>
/// Turns the pipeline's <see cref="CompiledPrompt"/> records into the task's <see cref="CompiledPromptRecord"/>s: the
/// one place that knows how the MSBuild items and the manifest are made from what a run compiled.
/// </summary>
/// <remarks>
/// The pipeline's records carry the asset, compilation, hash and encoding; the item supplies what only MSBuild knows
/// (its spec and Language metadata); duration and size are read from the saved file, which is what deploys.
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

        var records = new List<CompiledPromptRecord>(result.CompiledPrompts.Count);
        foreach (var compiledPrompt in result.CompiledPrompts)
        {
            if (compiledPrompt.OutputPath is not { } outputPath || !promptByNodeId.TryGetValue(compiledPrompt.NodeId, out var prompt))
            {
                continue;
            }

            itemByPath.TryGetValue(prompt.Path, out var item);
            var compiled = new FileInfo(outputPath);
            records.Add(new CompiledPromptRecord(
                CompiledPath: compiled.FullName,
                NodeId: compiledPrompt.NodeId,
                Language: compiledPrompt.Language ?? item?.GetMetadata("Language") ?? "",
                SourcePrompt: prompt.Path,
                SourceItemSpec: item?.ItemSpec ?? compiledPrompt.SourcePath,
                Encoding: string.IsNullOrEmpty(compiledPrompt.Encoding) ? settings.Encoding : compiledPrompt.Encoding,
                ContentHash: compiledPrompt.ContentHash,
                AssetId: compiledPrompt.AssetId,
                CompilationId: compiledPrompt.CompilationId,
                DurationSeconds: AudioProbe.Probe(compiled.FullName).DurationSeconds,
                Bytes: compiled.Length));
        }

        // Ordered by output path, so that items and the manifest are the same whatever order the engine answered in.
        return records.OrderBy(record => record.CompiledPath, StringComparer.Ordinal).ToList();
    }
}
