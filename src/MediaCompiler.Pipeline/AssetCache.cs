using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Remembers which asset id an engine gave each content hash, so that an unchanged prompt costs one GET instead of a
/// search or an upload. Keys are "engine URL | content hash": the same obj/ folder may build against several engines.
/// It is only a hint: the pipeline trusts an id only while the engine still has that asset.
/// Builds sharing one cache (one IvrCacheDirectory) merge on write: under an exclusive <c>.lock</c> file, the file is
/// read again and this build's changes (set and removed keys) applied on top, so no build loses another's entries.
/// </summary>
public sealed class AssetCache
{
    private const int FormatVersion = 1;
    private readonly Dictionary<string, string> _entries;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _setHere = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removedHere = new(StringComparer.Ordinal);
    private bool _changed;

    /// <summary>How long a save waits for another build to finish writing the shared file.</summary>
    internal static TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

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
            ReadInto(path, entries);
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
                _setHere[key] = assetId;
                _removedHere.Remove(key);
                _changed = true;
            }
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key))
            {
                _changed = true;
                _setHere.Remove(key);
                _removedHere.Add(key);
            }
        }
    }

    /// <summary>
    /// Merges this build's changes into the file when there are any: under the lock, the file as other builds left it,
    /// then this build's sets and removals, written atomically. A failure is a warning (IVR5002, IVR5100), never a
    /// broken build.
    /// </summary>
    public void SaveIfChanged(IPipelineLog log)
    {
        if (FilePath is null)
        {
            return;
        }
        Dictionary<string, string> sets;
        string[] removals;
        lock (_gate)
        {
            if (!_changed)
            {
                return;
            }
            sets = new Dictionary<string, string>(_setHere, StringComparer.Ordinal);
            removals = [.. _removedHere];
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath))!);
            using var held = FileLock.TryAcquire(FilePath + ".lock", LockWait);
            if (held is null)
            {
                log.Report(Diagnostic.Create(DiagnosticCatalog.AssetCacheLockTimedOut, FilePath, FilePath, LockWait.TotalSeconds));
                return;
            }
            var merged = new Dictionary<string, string>(StringComparer.Ordinal);
            TryReadShared(FilePath, merged);
            foreach (var key in removals)
            {
                merged.Remove(key);
            }
            foreach (var (key, assetId) in sets)
            {
                merged[key] = assetId;
            }
            var sorted = new SortedDictionary<string, string>(merged, StringComparer.Ordinal);
            AtomicFile.WriteAllText(FilePath, JsonSerializer.Serialize(new CacheDocument { Version = FormatVersion, Entries = sorted }, IndentedJson));
            lock (_gate)
            {
                _changed = false;
                _setHere.Clear();
                _removedHere.Clear();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.AssetCacheWriteFailed, FilePath, FilePath, ex.Message));
        }
    }

    private static void ReadInto(string path, Dictionary<string, string> entries)
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
    }

    /// <summary>The shared file as other builds left it; a missing or damaged one counts as empty (Load reported it).</summary>
    private static void TryReadShared(string path, Dictionary<string, string> entries)
    {
        if (!File.Exists(path))
        {
            return;
        }
        try
        {
            ReadInto(path, entries);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            // Damaged since this build loaded it: replaced by the merge of what is known here.
            entries.Clear();
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private sealed class CacheDocument
    {
        public int Version { get; set; }
        public IDictionary<string, string>? Entries { get; set; }
    }
}
