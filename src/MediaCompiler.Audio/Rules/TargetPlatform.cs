namespace MediaCompiler.Audio.Rules;

/// <summary>Where the prompts go: the media API this repository's engine serves, or Genesys Cloud Architect.</summary>
public enum TargetPlatform
{
    MediaApi,
    Genesys,
}

/// <summary>The platforms' names on the command line and their limits.</summary>
public static class TargetPlatforms
{
    /// <summary>
    /// Genesys Cloud: "The file size is limited to 25MB" (Resource Center). Read as 25,000,000 bytes, the smaller of
    /// the two readings, so that nothing passing here can fail there.
    /// </summary>
    public const long GenesysMaxFileSizeBytes = 25_000_000;

    public static string Name(TargetPlatform platform) => platform == TargetPlatform.Genesys ? "genesys" : "media-api";

    public static string DisplayName(TargetPlatform platform) => platform == TargetPlatform.Genesys ? "Genesys Cloud" : "the media engine";

    public static TargetPlatform? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "media-api" or null => TargetPlatform.MediaApi,
        "genesys" => TargetPlatform.Genesys,
        _ => null,
    };

    /// <summary>The largest file the platform takes: bytes beyond it are never read or hashed.</summary>
    public static long MaxFileSizeBytes(TargetPlatform platform) =>
        platform == TargetPlatform.Genesys ? GenesysMaxFileSizeBytes : MediaRules.MaxFileSizeBytes;
}
