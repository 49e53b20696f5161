namespace MediaCompiler.Emulator.Configuration;

/// <summary>One OAuth client of the emulator: its credentials, webhook signing secret, scopes and request budget.</summary>
public sealed class ClientSettings
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Key of the HMAC-SHA256 signature (<c>X-Media-Signature</c>) on webhooks of this client's jobs.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Granted scopes: <c>media:read</c>, <c>media:write</c>, <c>media:compile</c>, <c>flow:read</c>.</summary>
    public List<string> Scopes { get; set; } = new();

    /// <summary>This client's request budget per rate-limit window; null uses <c>RateLimit:RequestsPerWindow</c>.</summary>
    public int? RequestsPerWindow { get; set; }

    internal IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{path}:ClientId is empty.";
        }

        if (string.IsNullOrEmpty(ClientSecret))
        {
            yield return $"{path}:ClientSecret is empty.";
        }

        if (string.IsNullOrEmpty(WebhookSecret))
        {
            yield return $"{path}:WebhookSecret is empty.";
        }

        var unknown = Scopes.Where(s => !MediaScopes.All.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            yield return $"{path}:Scopes names unknown scope(s) {string.Join(", ", unknown)}; known: {string.Join(", ", MediaScopes.All)}.";
        }

        if (RequestsPerWindow is < 0)
        {
            yield return $"{path}:RequestsPerWindow is {RequestsPerWindow}; it must be 0 (unlimited) or more.";
        }
    }
}

/// <summary>The scopes of the media API.</summary>
public static class MediaScopes
{
    public const string MediaRead = "media:read";
    public const string MediaWrite = "media:write";
    public const string MediaCompile = "media:compile";
    public const string FlowRead = "flow:read";

    public static readonly IReadOnlyList<string> All = [MediaRead, MediaWrite, MediaCompile, FlowRead];
}
