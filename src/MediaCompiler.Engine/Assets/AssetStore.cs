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

    /// <summary>Length and write time of each content file when its hash was last checked: unchanged files are not re-hashed.</summary>
    private readonly Dictionary<string, (long Length, DateTime WrittenUtc)> _verified = new(StringComparer.Ordinal);

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
    /// The asset with this (canonical) hash when its stored bytes still match it; null when unknown or damaged, so
    /// that a client's look-up says "missing" and its upload repairs the asset.
    /// </summary>
    public MediaAssetDto? FindIntact(string canonicalHash)
    {
        var asset = Get(AssetIds.FromContentHash(canonicalHash));
        return asset is not null && asset.ContentHash == canonicalHash && IsIntact(asset) ? asset : null;
    }

    /// <summary>
    /// Stores <paramref name="candidate"/> unless an asset with its id (so its content) is already held with intact
    /// bytes; held bytes that no longer match the hash are replaced by these (which the intake has checked).
    /// </summary>
    public (MediaAssetDto Asset, UploadDisposition Disposition) Add(MediaAssetDto candidate, byte[] content)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(candidate.Id, out var existing))
            {
                if (IsIntact(existing))
                {
                    return (existing, UploadDisposition.AlreadyHeld);
                }

                Save(candidate, content);
                return (candidate, UploadDisposition.Repaired);
            }

            Save(candidate, content);
            return (candidate, UploadDisposition.Added);
        }
    }

    private void Save(MediaAssetDto asset, byte[] content)
    {
        if (_disk is not null)
        {
            _disk.SaveAsset(asset, content);
            _verified.Remove(asset.Id);
        }
        else
        {
            _contentById[asset.Id] = content;
        }

        _byId[asset.Id] = asset;
    }

    /// <summary>Whether the stored bytes still hash to the asset's hash; a file unchanged since its last check is trusted.</summary>
    private bool IsIntact(MediaAssetDto asset)
    {
        if (_disk is null)
        {
            lock (_gate)
            {
                return _contentById.ContainsKey(asset.Id);
            }
        }

        var stamp = _disk.AssetContentStamp(asset.Id);
        lock (_gate)
        {
            if (stamp is null)
            {
                return false;
            }

            if (_verified.TryGetValue(asset.Id, out var known) && known == stamp.Value)
            {
                return true;
            }
        }

        var content = _disk.ReadAssetContent(asset.Id);
        var intact = content is not null && string.Equals(ContentHash.Of(content), asset.ContentHash, StringComparison.OrdinalIgnoreCase);
        lock (_gate)
        {
            if (intact)
            {
                _verified[asset.Id] = stamp.Value;
            }
            else
            {
                _verified.Remove(asset.Id);
            }
        }

        return intact;
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
            _verified.Clear();
        }
    }
}
