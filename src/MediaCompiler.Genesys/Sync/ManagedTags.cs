namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// The resource <c>tags</c> this build writes: the SHA-256 of the uploaded bytes (the platform keeps no content hash of
/// its own, reference §1.10) and a marker that the build manages the prompt. Tags written by anyone else are kept.
/// </summary>
public static class ManagedTags
{
    public const string HashKey = "sha256";
    public const string ManagedByKey = "managedBy";

    public static string? HashOf(IReadOnlyDictionary<string, List<string>>? tags) =>
        tags is not null && tags.TryGetValue(HashKey, out var values) && values.Count > 0 ? values[0].ToLowerInvariant() : null;

    public static bool IsManaged(IReadOnlyDictionary<string, List<string>>? tags, string marker) =>
        tags is not null && tags.TryGetValue(ManagedByKey, out var values) && values.Contains(marker, StringComparer.Ordinal);

    /// <summary>The existing tags with ours set (hash removed for a TTS-only resource).</summary>
    public static Dictionary<string, List<string>> Write(IReadOnlyDictionary<string, List<string>>? existing, string? hashHex, string marker)
    {
        var tags = existing is null
            ? new Dictionary<string, List<string>>(StringComparer.Ordinal)
            : existing.ToDictionary(pair => pair.Key, pair => pair.Value.ToList(), StringComparer.Ordinal);
        tags[ManagedByKey] = [marker];
        if (hashHex is null)
        {
            tags.Remove(HashKey);
        }
        else
        {
            tags[HashKey] = [hashHex];
        }

        return tags;
    }
}
