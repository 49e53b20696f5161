using MediaCompiler.Audio.Rules;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>The Genesys Cloud settings of a build (IvrPlatform=GenesysCloud), checked by <see cref="GenesysSettingsParser"/>.</summary>
/// <param name="Region">IvrGenesysRegion: a region domain or AWS key; ignored when <paramref name="BaseUrl"/> is set.</param>
/// <param name="BaseUrl">IvrEngineUrl, else GENESYS_BASE_URL: the org's API address or a loopback emulator.</param>
/// <param name="ClientSecret">Only from GENESYS_CLIENT_SECRET; never logged, hashed or written.</param>
/// <param name="WorkDirectory">Where converted prompts are written before upload (under obj/).</param>
/// <param name="DefaultLanguage">IvrDefaultLanguage: the language of prompts whose folders name none.</param>
/// <param name="Division">IvrGenesysDivision: a division's name or id, resolved by the sync; null: the org's default (Home).</param>
public sealed record GenesysBuildSettings(
    string? Region,
    string? BaseUrl,
    string ClientId,
    string ClientSecret,
    int RequestsPerMinute,
    bool ConvertAudio,
    bool CheckFlows,
    bool DeleteOrphans,
    string WorkDirectory,
    string DefaultLanguage = GenesysDefaults.DefaultLanguage,
    bool DownloadCompiledPrompts = GenesysDefaults.DownloadPrompts,
    string? Division = null) : PlatformSettings
{
    public override TargetPlatform Kind => TargetPlatform.Genesys;

    public override bool ConvertAudio { get; } = ConvertAudio;

    /// <summary>The org serves the transcoded audio itself, so saving it locally is opt-in (IvrGenesysDownloadPrompts).</summary>
    public override bool DownloadCompiledPrompts { get; } = DownloadCompiledPrompts;

    /// <summary>The org as logs may show it (never the secret).</summary>
    public string Target => BaseUrl ?? Region ?? "";

    public override string ToString() => $"Genesys Cloud {Target}{(Division is null ? "" : $", division {Division}")} (client {ClientId})";
}

/// <summary>The Genesys Cloud properties exactly as MSBuild spells them (strings: see <see cref="RawBuildSettings"/>).</summary>
public sealed record RawGenesysSettings
{
    public string? DefaultLanguage { get; init; }
    public string? GenesysRegion { get; init; }
    public string? GenesysDivision { get; init; }
    public string? GenesysRequestsPerMinute { get; init; }
    public string? GenesysConvertAudio { get; init; }
    public string? GenesysCheckFlows { get; init; }
    public string? GenesysDeleteOrphans { get; init; }
    public string? GenesysDownloadPrompts { get; init; }
}
