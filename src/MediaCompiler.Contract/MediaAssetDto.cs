namespace MediaCompiler.Contract;

/// <summary>An asset as the media API shows it (upload answers, GET by id, search by content hash).</summary>
public sealed record MediaAssetDto(
    string Id,
    string Name,
    string Format,
    long Size,
    int? SampleRate,
    int? Channels,
    string ContentHash,
    string SelfUri,
    DateTimeOffset CreatedDate);

/// <summary>The answer of <c>GET /api/v2/media/assets?contentHash=...</c>.</summary>
public sealed record MediaAssetListing(IReadOnlyList<MediaAssetDto> Entities, int Total);
