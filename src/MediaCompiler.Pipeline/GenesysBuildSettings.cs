namespace MediaCompiler.Pipeline;

/// <summary>
/// The Genesys Cloud settings of a build (IvrPlatform=GenesysCloud), parsed but not yet resolved: the region table
/// lives in MediaCompiler.Genesys, which the pipeline does not reference, so the platform project checks the region.
/// </summary>
/// <param name="Region">IvrGenesysRegion: a region domain or AWS key; ignored when <paramref name="BaseUrl"/> is set.</param>
/// <param name="BaseUrl">IvrEngineUrl, else GENESYS_BASE_URL: the org's API address or a loopback emulator.</param>
/// <param name="ClientSecret">Only from GENESYS_CLIENT_SECRET; never logged, hashed or written.</param>
/// <param name="WorkDirectory">Where converted prompts are written before upload (under obj/).</param>
public sealed record GenesysBuildSettings(
    string? Region,
    string? BaseUrl,
    string ClientId,
    string ClientSecret,
    int RequestsPerMinute,
    bool ConvertAudio,
    bool CheckFlows,
    bool DeleteOrphans,
    string WorkDirectory)
{
    /// <summary>The org as logs may show it (never the secret).</summary>
    public string Target => BaseUrl ?? Region ?? "";

    public override string ToString() => $"Genesys Cloud {Target} (client {ClientId})";
}
