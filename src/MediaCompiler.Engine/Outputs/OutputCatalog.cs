using System.Collections.Concurrent;
using MediaCompiler.Contract;

namespace MediaCompiler.Engine.Outputs;

/// <summary>
/// Compiled outputs addressed by what made them: (asset, encoding, options) → the job result that holds those bytes
/// and their hash. The same asset compiled the same way gives the same bytes, so a later job copies them instead of
/// decoding and converting again; the copy is checked against the hash first (<see cref="OutputReader"/>), so a
/// damaged source is compiled anew, never propagated.
/// </summary>
internal sealed class OutputCatalog
{
    private readonly ConcurrentDictionary<string, OutputSource> _sources = new(StringComparer.Ordinal);

    public static string KeyOf(string assetId, string encoding, CompileOptions? options)
    {
        var o = options ?? new CompileOptions();
        // The target level is part of what made the bytes; null is the engine's own default (fixed per data directory).
        var target = o.TargetSpeechLevelDbov?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "default";
        return $"{assetId}|{encoding}|normalize={o.NormalizeVolume}|strip={o.StripMetadata}|level={target}";
    }

    public OutputSource? Find(string key) => _sources.GetValueOrDefault(key);

    public void Remember(string key, OutputSource source) => _sources[key] = source;

    public void Forget(string key) => _sources.TryRemove(key, out _);

    /// <summary>Every output is gone (engine reset).</summary>
    public void Clear() => _sources.Clear();

    /// <summary>Rebuilt from the finished jobs of a data directory, so reuse survives a restart.</summary>
    public void Learn(string jobId, string encoding, CompileOptions? options, IEnumerable<CompileResult> results)
    {
        foreach (var result in results)
        {
            if (result.Status == CompileResultStates.Ready && result.OutputHash is { } hash)
            {
                Remember(KeyOf(result.AssetId, encoding, options), new OutputSource(jobId, result.NodeId, hash, result.Warnings));
            }
        }
    }
}

/// <summary>Where a compiled output can be read: the job and node of the result that made it, its hash and its warnings.</summary>
internal sealed record OutputSource(string JobId, string NodeId, string Hash, IReadOnlyList<CompileWarning>? Warnings);
