using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine.Assets;

/// <summary>
/// The content-addressed asset store: one asset per distinct content hash. Holds the bytes in memory, or in the data
/// directory when there is one (then only the asset records stay in memory). Thread-safe.
/// </summary>
internal sealed class AssetStore
{
    private readonly object _gate = new();
    private readonly JsonStateStore? _disk;
    private readonly Dictionary<string, MediaAssetDto> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _contentById = new(StringComparer.Ordinal);

    public AssetStore(JsonStateStore? disk, List<Diagnostic> loadWarnings)
    {
        _disk = disk;
        if (disk is not null)
        {
            foreach (var asset in disk.LoadAssets(loadWarnings))
            {
                _byId[asset.Id] = asset;
            }
        }
    }

    public MediaAssetDto? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public bool Contains(string id)
    {
        lock (_gate)
        {
            return _byId.ContainsKey(id);
        }
    }

    public IReadOnlyList<MediaAssetDto> FindByContentHash(string contentHash)
    {
        // Lenient read: any case of hex digits finds the asset; stored hashes are always the canonical lower case.
        var canonical = contentHash?.Trim().ToLowerInvariant();
        if (!ContentHash.IsWellFormed(canonical))
        {
            return [];
        }

        var asset = Get(AssetIds.FromContentHash(canonical!));
        return asset is not null && asset.ContentHash == canonical ? [asset] : [];
    }

    /// <summary>
    /// Stores <paramref name="candidate"/> unless an asset with its id (so its content) is already held; returns the
    /// stored asset and whether it is new.
    /// </summary>
    public (MediaAssetDto Asset, bool Created) Add(MediaAssetDto candidate, byte[] content)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(candidate.Id, out var existing))
            {
                return (existing, false);
            }

            if (_disk is not null)
            {
                _disk.SaveAsset(candidate, content);
            }
            else
            {
                _contentById[candidate.Id] = content;
            }

            _byId[candidate.Id] = candidate;
            return (candidate, true);
        }
    }

    /// <summary>The uploaded bytes, or null when the asset is unknown or its content file is gone.</summary>
    public byte[]? ReadContent(string id)
    {
        lock (_gate)
        {
            if (!_byId.ContainsKey(id))
            {
                return null;
            }

            if (_disk is null)
            {
                return _contentById.GetValueOrDefault(id);
            }
        }

        return _disk.ReadAssetContent(id);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _contentById.Clear();
        }
    }
}
