namespace MediaCompiler.Client;

/// <summary>How an <see cref="HttpMediaEngineClient"/> reaches and authenticates with a remote media API.</summary>
public sealed class HttpMediaEngineClientOptions
{
    /// <summary>The API root, e.g. <c>https://api.mypurecloud.com</c> or <c>http://127.0.0.1:5080</c>.</summary>
    public required Uri BaseAddress { get; init; }

    public required string ClientId { get; init; }

    /// <summary>Never logged, never put in a message.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Time allowed for one attempt of one request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most bytes one compiled prompt of an output archive may unpack to: G.711 is 8 kB a second, so 64 MB is more
    /// than two hours of audio. An entry past it (a damaged or hostile archive) fails the download; nothing of it is kept.
    /// </summary>
    public long MaxOutputBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// The most bytes one output archive (up to 200 compiled prompts) may hold in memory: about nine hours of G.711 audio
    /// in all. An archive past it is not an error (long prompts make large archives); its outputs are fetched one by
    /// one instead, each within <see cref="MaxOutputBytes"/>.
    /// </summary>
    public long MaxArchiveBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// A ceiling of our own on requests per minute (null: none). The engine's published budget (rate-limit headers)
    /// is always honoured as well; this one is for engines that publish none.
    /// </summary>
    public int? MaxRequestsPerMinute { get; init; }

    /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and dropped connections.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Cap for the exponential backoff and for a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first backoff delay; each retry roughly doubles it (with jitter).</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The clock for token expiry, backoff and timeouts (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives low-importance progress lines (retries, token refresh). Never given a secret or a token.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Told of every wait longer than <see cref="LongWait"/> (a rate limit's Retry-After, a retry backoff), so a build
    /// that seems stuck says why at normal verbosity. Null: such waits go to <see cref="Log"/> only.
    /// </summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Waits longer than this are reported through <see cref="Progress"/>.</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromSeconds(2);


    /// <summary>The HTTP handler to send through (tests script one); null uses a <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }
}
