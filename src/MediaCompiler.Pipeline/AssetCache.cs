using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Remembers which asset id an engine gave each content hash, so that an unchanged prompt costs one GET instead of a
/// search or an upload. Keys are "engine URL | content hash": the same obj/ folder may build against several engines.
/// It is only a hint: the pipeline trusts an id only while the engine still has that asset.
/// </summary>
public sealed class AssetCache
{
    private const int FormatVersion = 1;
    private readonly Dictionary<string, string> _entries;
    private readonly object _gate = new();
    private bool _changed;

    private AssetCache(string? path, Dictionary<string, string> entries)
    {
        FilePath = path;
        _entries = entries;
    }

    /// <summary>The file behind the cache; null for a cache that is never saved.</summary>
    public string? FilePath { get; }

    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <summary>A cache that remembers nothing between builds.</summary>
    public static AssetCache None() => new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Loads the cache; a missing file is an empty cache, a damaged one is reported (IVR5001) and discarded.</summary>
    public static AssetCache Load(string path, IPipelineLog log)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new AssetCache(path, entries);
        }
        try
        {
            var document = JsonSerializer.Deserialize<CacheDocument>(File.ReadAllText(path));
            if (document?.Version != FormatVersion || document.Entries is null)
            {
                throw new InvalidDataException($"unknown format version {document?.Version}");
            }
            foreach (var (key, assetId) in document.Entries)
            {
                if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(assetId))
                {
                    entries[key] = assetId;
                }
            }
            return new AssetCache(path, entries);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.CorruptAssetCache, path, path, ex.Message));
            // Marked changed so that the damaged file is replaced even when every asset turns out to be new.
            return new AssetCache(path, entries) { _changed = true };
        }
    }

    public static string KeyOf(EngineConnection engine, string contentHash) =>
        $"{engine.Url?.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant()}|{contentHash}";

    public string? Get(string key)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(key);
        }
    }

    public void Set(string key, string assetId)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var existing) || existing != assetId)
            {
                _entries[key] = assetId;
                _changed = true;
            }
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            _changed |= _entries.Remove(key);
        }
    }

    /// <summary>Writes the cache atomically when it changed; a failure is a warning (IVR5002), never a broken build.</summary>
    public void SaveIfChanged(IPipelineLog log)
    {
        if (FilePath is null)
        {
            return;
        }
        string json;
        lock (_gate)
        {
            if (!_changed)
            {
                return;
            }
            var sorted = new SortedDictionary<string, string>(_entries, StringComparer.Ordinal);
            json = JsonSerializer.Serialize(new CacheDocument { Version = FormatVersion, Entries = sorted }, IndentedJson);
            _changed = false;
        }
        try
        {
            AtomicFile.WriteAllText(FilePath, json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.AssetCacheWriteFailed, FilePath, FilePath, ex.Message));
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private sealed class CacheDocument
    {
        public int Version { get; set; }
        public IDictionary<string, string>? Entries { get; set; }
    }
}
