namespace MediaCompiler.Emulator.Configuration;

/// <summary>The per-client request budget of <c>/api/v2</c>: a fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests one client may make per window; 0 means unlimited.</summary>
    public int RequestsPerWindow { get; set; } = 1000;

    public int WindowSeconds { get; set; } = 60;

    internal IEnumerable<string> Validate(string path)
    {
        if (RequestsPerWindow < 0)
        {
            yield return $"{path}:RequestsPerWindow is {RequestsPerWindow}; it must be 0 (unlimited) or more.";
        }

        if (WindowSeconds <= 0)
        {
            yield return $"{path}:WindowSeconds is {WindowSeconds}; it must be positive.";
        }
    }
}
