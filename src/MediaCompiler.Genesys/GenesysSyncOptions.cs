namespace MediaCompiler.Genesys;

/// <summary>How verbose a log line is: Normal lines are shown at MSBuild's normal verbosity, Detailed ones below it.</summary>
public enum SyncLogLevel
{
    Normal,
    Detailed,
}

/// <summary>One log line of a sync. Never contains a secret or a token.</summary>
public sealed record SyncLogMessage(SyncLogLevel Level, string Text);

/// <summary>Everything a prompt sync needs besides the prompts themselves.</summary>
public sealed class GenesysSyncOptions
{
    /// <summary>A region domain (e.g. <c>mypurecloud.ie</c>) or its AWS key; ignored when <see cref="BaseUrl"/> is set.</summary>
    public string? Region { get; init; }

    /// <summary>The org's API address (<c>https://api.&lt;domain&gt;/</c>) or a loopback emulator's address.</summary>
    public string? BaseUrl { get; init; }

    public string ClientId { get; init; } = "";

    /// <summary>The OAuth client secret: sent only in the token request's Basic header, never logged.</summary>
    public string ClientSecret { get; init; } = "";

    /// <summary>Client-side request budget per token and minute (the platform allows 300; 0 turns the budget off).</summary>
    public int RequestsPerMinute { get; init; } = 300;

    /// <summary>Page size of prompt listings (the platform default is 25; 100 is what every tool uses).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The platform's paging cap: results past it cannot be paged to, so queries are sharded by name prefix.</summary>
    public int PagingCap { get; init; } = 10_000;

    /// <summary>Names per transcode-status poll (several <c>name</c> values in one list request).</summary>
    public int NamesPerPoll { get; init; } = 50;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The most bytes one transcoded prompt's download (its pre-signed mediaUri) may have: the platform takes audio up
    /// to 25 MB, so more is a wrong answer, never read into memory past this.
    /// </summary>
    public long MaxMediaBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Retries of one request on 429, 5xx, timeouts and dropped connections.</summary>
    public int MaxRetries { get; init; } = 6;

    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait (also caps a server's Retry-After).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long each uploaded resource may take to reach <c>transcoded</c> (IvrCompileTimeout).</summary>
    public TimeSpan TranscodeTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxPollDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to look for a prompt whose create answered 409 (the name index lags).</summary>
    public TimeSpan ConflictRequeryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after creating a prompt a 404 to <c>POST …/resources</c> is taken as the platform's read-after-write
    /// lag (and retried with backoff) rather than as a deleted prompt.
    /// </summary>
    public TimeSpan ReadAfterWriteWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Waits longer than this are logged at Normal level (shorter ones at Detailed).</summary>
    public TimeSpan NoticeableWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Ask dependency tracking which published flows still play changed prompts.</summary>
    public bool CheckConsumingFlows { get; init; } = true;

    /// <summary>Delete managed prompts that are no longer in the project (only those no flow uses).</summary>
    public bool DeleteOrphans { get; init; }

    /// <summary>
    /// IvrGenesysDivision: the division (its name or id) new prompts are created in and every listing is scoped to,
    /// so prompts of other divisions are never planned, counted or deleted. Null or empty: the org's default (Home),
    /// no division sent, every division the client sees listed.
    /// </summary>
    public string? Division { get; init; }

    /// <summary>The value of the managed-marker tag; prompts without it are never changed or deleted.</summary>
    public string ManagedMarker { get; init; } = "MediaCompiler.Build";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Replaces the HTTP handler (tests); null uses a SocketsHttpHandler.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public Action<SyncLogMessage>? Log { get; init; }
}
