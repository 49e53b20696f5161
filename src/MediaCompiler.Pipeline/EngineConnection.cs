namespace MediaCompiler.Pipeline;

/// <summary>
/// Which media engine a build talks to: a remote one by URL with OAuth client credentials, or the embedded in-process
/// engine (<see cref="Url"/> null). The secret is kept out of <see cref="ToString"/> so that it can never reach a log.
/// </summary>
public sealed class EngineConnection
{
    public static readonly EngineConnection InProcess = new(null, null, null);

    public EngineConnection(Uri? url, string? clientId, string? clientSecret)
    {
        Url = url;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public Uri? Url { get; }
    public string? ClientId { get; }
    public string? ClientSecret { get; }

    public bool IsInProcess => Url is null;

    /// <summary>The URL (no credentials) or "in-process engine"; safe to log.</summary>
    public override string ToString() => Url?.ToString() ?? "in-process engine";
}
