using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;

namespace MediaCompiler.Genesys;

/// <summary>A resource's current mediaUri, or the coded reason it could not be read.</summary>
public sealed record MediaUriRead(string? MediaUri, Diagnostic? Failure);

/// <summary>The audio behind a mediaUri; or the link had expired (403, <see cref="Expired"/>); or why it could not be had.</summary>
public sealed record MediaDownload(byte[]? Bytes, string? Failure)
{
    public static readonly MediaDownload LinkExpired = new(null, null);

    public bool Expired => Bytes is null && Failure is null;
}

/// <summary>
/// Downloads the transcoded audio of synced prompts, and reads fresh mediaUris for them. They are pre-signed links
/// that expire (X-Amz-Expires=3600), so one read at the end of a long sync may be refused (403) by the time the audio
/// is downloaded; a fresh GET of the resource signs a new link. The same HTTP stack as the sync (retries, timeouts);
/// a token is fetched only for a fresh read. Thread-safe.
/// </summary>
public sealed class GenesysMediaUris : IDisposable
{
    private readonly GenesysHttp _http;
    private readonly GenesysTokens? _tokens;
    private readonly ArchitectApi? _api;
    private readonly Diagnostic? _unusable;

    public GenesysMediaUris(GenesysSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (endpoints, problem) = GenesysRegions.Resolve(options.Region, options.BaseUrl);
        _http = new GenesysHttp(options);
        _unusable = problem;
        if (endpoints is not null)
        {
            _tokens = new GenesysTokens(new GenesysTokenEndpoint(_http, endpoints, options, options.BaseUrl ?? options.Region ?? ""), options.TimeProvider);
            _api = new ArchitectApi(_http, _tokens, endpoints);
        }
    }

    public async Task<MediaUriRead> ReadAsync(string promptId, string language, CancellationToken cancellationToken)
    {
        if (_api is null)
        {
            return new MediaUriRead(null, _unusable);
        }

        var read = await _api.GetResourceAsync(promptId, language, cancellationToken).ConfigureAwait(false);
        return read.Failure is { } failure ? new MediaUriRead(null, failure) : new MediaUriRead(read.Value!.MediaUri, null);
    }

    /// <summary>The audio at <paramref name="mediaUri"/> (bounded, retried; no credentials: the link is signed).</summary>
    public Task<MediaDownload> DownloadAsync(Uri mediaUri, CancellationToken cancellationToken) =>
        _http.GetMediaAsync(mediaUri, cancellationToken);

    public void Dispose()
    {
        _tokens?.Dispose();
        _http.Dispose();
    }
}
