using System.Globalization;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>The defaults of the Genesys Cloud settings, in one place (the .props and docs/msbuild.md are checked against them).</summary>
public static class GenesysDefaults
{
    /// <summary>IvrDefaultLanguage: the language of prompts whose folders name none.</summary>
    public const string DefaultLanguage = "en-us";

    /// <summary>IvrGenesysRequestsPerMinute: the platform's per-token limit (client.credentials.token.rate.per.minute).</summary>
    public const int RequestsPerMinute = 300;

    public const bool ConvertAudio = true;
    public const bool CheckFlows = true;
    public const bool DeleteOrphans = false;
    public const bool DownloadPrompts = false;
}

/// <summary>The Genesys Cloud settings of the build, declared once (see <see cref="BuildSettings"/> for the shared ones).</summary>
public static class GenesysSettings
{
    public static IReadOnlyList<BuildSetting> All { get; } =
    [
        new("IvrDefaultLanguage", GenesysDefaults.DefaultLanguage, "Genesys: the language of prompts whose folders name none."),
        new("IvrGenesysRegion", null, "Genesys: the org's region (a domain or an AWS region key)."),
        new("IvrGenesysDivision", null, "Genesys: the division (name or id) prompts are created in and the sync is scoped to; empty: Home."),
        new("IvrGenesysRequestsPerMinute", GenesysDefaults.RequestsPerMinute.ToString(CultureInfo.InvariantCulture), "Genesys: our request ceiling per token and minute."),
        new("IvrGenesysConvertAudio", Text(GenesysDefaults.ConvertAudio), "Genesys: convert what Architect does not take as it is."),
        new("IvrGenesysCheckFlows", Text(GenesysDefaults.CheckFlows), "Genesys: warn which published flows still play the old audio."),
        new("IvrGenesysDeleteOrphans", Text(GenesysDefaults.DeleteOrphans), "Genesys: delete our prompts that left the project (never those a flow uses)."),
        new("IvrGenesysDownloadPrompts", Text(GenesysDefaults.DownloadPrompts), "Genesys: save the transcoded prompts locally."),
    ];

    private static string Text(bool value) => value ? "true" : "false";
}
