namespace MediaCompiler.Contract;

/// <summary>
/// The body of <c>POST /api/v2/media/assets/lookup</c> (media API 2.1): many content hashes in one request. At most
/// <see cref="MaxHashes"/> per request; a larger list is refused with 413 (IVR3401).
/// </summary>
public sealed record AssetLookupRequest(IReadOnlyList<string>? ContentHashes)
{
    public const int MaxHashes = 5000;
}

/// <summary>
/// The answer of the batch look-up: the assets the engine holds (one per held hash) and the hashes it does not hold
/// (lower case, in request order). A malformed hash is a 400 naming it, never "missing".
/// </summary>
public sealed record AssetLookupResult(IReadOnlyList<MediaAssetDto> Held, IReadOnlyList<string> Missing);

/// <summary>
/// The body of <c>POST /api/v2/media/compile/{id}/outputs</c> (media API 2.1): the node ids whose compiled WAVs the
/// client wants in one ZIP archive (entry names are the node ids, escaped as in download addresses, plus ".wav").
/// </summary>
public sealed record OutputArchiveRequest(IReadOnlyList<string>? NodeIds);

/// <summary>Response headers of the media API that a client learns its request budget from.</summary>
public static class RateLimitHeaders
{
    /// <summary>Requests a client may make per window (an integer).</summary>
    public const string Limit = "X-RateLimit-Limit";

    /// <summary>Requests left in the current window (an integer).</summary>
    public const string Remaining = "X-RateLimit-Remaining";

    /// <summary>Seconds until the window resets (an integer).</summary>
    public const string Reset = "X-RateLimit-Reset";
}
