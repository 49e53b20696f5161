using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Caching;

/// <summary>
/// Per-prompt incrementality on a platform that compiles each prompt on its own (the media API): the prompts whose
/// compiled output the cache holds for the same bytes, settings and engine are not sent at all; their output is put
/// back in place from the cache, and only the others are uploaded and compiled. After the run, what was compiled is
/// kept for the next build.
/// </summary>
public sealed class OutputReuse
{
    private readonly PromptCache _cache;
    private readonly Dictionary<ValidatedPrompt, string> _keys;

    private OutputReuse(PromptCache cache, Dictionary<ValidatedPrompt, string> keys, IReadOnlyList<Hit> hits, IReadOnlyList<ValidatedPrompt> misses)
    {
        _cache = cache;
        _keys = keys;
        Hits = hits;
        Misses = misses;
    }

    /// <summary>A prompt the cache has compiled output for.</summary>
    public sealed record Hit(ValidatedPrompt Prompt, CachedOutput Output, string CachedFile);

    public IReadOnlyList<Hit> Hits { get; }

    /// <summary>The prompts the platform must compile, in prompt order.</summary>
    public IReadOnlyList<ValidatedPrompt> Misses { get; }

    /// <summary>The split of <paramref name="prompts"/>; null when outputs cannot be reused (no cache, no key, nothing saved).</summary>
    public static OutputReuse? Plan(PromptCache? cache, IReadOnlyList<ValidatedPrompt> prompts, PipelineSettings settings, string? platformIdentity)
    {
        if (cache is null || platformIdentity is null || settings.CompiledPromptsDirectory is null || prompts.Any(p => p.ChecksKey is null))
        {
            return null;
        }
        var keys = prompts.ToDictionary(p => p, p => PromptCacheKeys.Output(p.ChecksKey!, p.Input, settings, platformIdentity));
        var hits = new List<Hit>();
        var misses = new List<ValidatedPrompt>();
        foreach (var prompt in prompts)
        {
            if (cache.GetOutput(keys[prompt]) is { } found)
            {
                hits.Add(new Hit(prompt, found.Output, found.File));
            }
            else
            {
                misses.Add(prompt);
            }
        }
        return new OutputReuse(cache, keys, hits, misses);
    }

    /// <summary>
    /// Puts each hit's output at <c>&lt;NodeId&gt;.wav</c> in <paramref name="directory"/> (rewritten only when its bytes
    /// differ; dated now either way, as a download is). Null, with an error on the prompt, when one cannot be written.
    /// </summary>
    public IReadOnlyList<CompiledPrompt>? Restore(string directory, FailureCollector failures)
    {
        var restored = new CompiledPrompt[Hits.Count];
        var failed = 0;
        Parallel.For(0, Hits.Count, i =>
        {
            var (prompt, output, cachedFile) = Hits[i];
            var destination = Path.GetFullPath(Path.Combine(directory, prompt.Input.NodeId + ".wav"));
            try
            {
                var bytes = File.ReadAllBytes(cachedFile);
                if (!AtomicFile.WriteIfDifferent(destination, bytes))
                {
                    File.SetLastWriteTimeUtc(destination, DateTime.UtcNow);
                }
                var input = prompt.Input;
                restored[i] = new CompiledPrompt(destination, input.NodeId, input.Language, input.ItemSpec ?? input.Path, output.Encoding,
                    prompt.SourceHash!, output.AssetId, output.CompilationId, prompt.Probe.DurationSeconds, bytes.LongLength);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref failed);
                failures.Add(prompt.Input, WriteFailure.Describe(ex, prompt.Input.Path, destination,
                    () => Diagnostic.Create(DiagnosticCatalog.CompiledPromptWriteFailed, prompt.Input.Path, prompt.Input.NodeId, destination, ex.Message)));
            }
        });
        return failed == 0 ? restored : null;
    }

    /// <summary>Keeps what the platform compiled (the misses) for the next build.</summary>
    public void Keep(IEnumerable<CompiledPrompt> compiled, IReadOnlyList<ValidatedPrompt> prompts)
    {
        var byNodeId = prompts.ToDictionary(p => p.Input.NodeId, StringComparer.Ordinal);
        foreach (var item in compiled)
        {
            if (item.OutputPath is { } path && item.Bytes is { } bytes && byNodeId.TryGetValue(item.NodeId, out var prompt))
            {
                _cache.PutOutput(_keys[prompt], new CachedOutput(item.Encoding, item.AssetId, item.CompilationId, bytes), path);
            }
        }
    }
}
