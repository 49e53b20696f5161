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
/// <c>POST /api/v2/media/assets/batch</c> (media API 2.3): many uploads in one request, so that a cold build of many
/// small prompts waits for one or two round trips instead of one per prompt. The body is multipart/form-data: one part
/// <c>file</c> per prompt (with its file name) and, optionally, one part <c>contentHash</c> per file in the same order.
/// Each file is stored exactly as a single upload would store it; the answer (200) is an <see cref="AssetBatchResult"/>.
/// </summary>
public static class AssetBatchUpload
{
    /// <summary>Files per request; one more is refused whole with 413 (IVR3410).</summary>
    public const int MaxFiles = 64;
}

/// <summary>The answer of a batch upload: one entry per file, in request order.</summary>
public sealed record AssetBatchResult(IReadOnlyList<AssetBatchEntry>? Results);

/// <summary>
/// One file's answer, as the single upload would have answered it: <see cref="Status"/> 201 (stored now) or 200 (held
/// already) with the <see cref="Asset"/>; 400 or 413 with the <see cref="Error"/> that refuses this file only.
/// </summary>
public sealed record AssetBatchEntry(int Status, MediaAssetDto? Asset, ApiError? Error);

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
