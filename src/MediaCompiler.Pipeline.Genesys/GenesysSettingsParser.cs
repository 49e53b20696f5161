using System.Globalization;
using System.Text.RegularExpressions;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys;
using MediaCompiler.Pipeline;
using static MediaCompiler.Pipeline.SettingValues;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>
/// The Genesys Cloud settings (credentials, region, budget, conversion...) and the item conventions of Architect
/// prompts (name, language, one file per resource), read through the pipeline's <see cref="IPlatformSettingsParser"/> seam.
/// </summary>
public sealed partial class GenesysSettingsParser(RawGenesysSettings raw) : IPlatformSettingsParser
{
    /// <summary>
    /// Language metadata and IvrDefaultLanguage: the shape of Architect's language codes, lower case: a language,
    /// optionally a script, optionally a region of two letters or three digits (de, en-us, es-419, ha-latn,
    /// zh-hans-cn). Which codes the org knows only the org says: an unknown one is refused by its resource request.
    /// </summary>
    [GeneratedRegex("^[a-z]{2,3}(-[a-z]{4})?(-[a-z]{2}|-[0-9]{3})?$")]
    private static partial Regex LanguageCodePattern();

    /// <summary>
    /// A folder counts as a language only when it is spelled like one with a region (en-US, es-419, zh-Hans-CN) or is
    /// a bare two-letter code (de): bare three-letter names ("ivr", "app") and a word after a code ("en-old") are far
    /// likelier to be ordinary folders.
    /// </summary>
    [GeneratedRegex("^[a-z]{2}$|^[a-z]{2,3}(-[a-z]{4})?(-[a-z]{2}|-[0-9]{3})$")]
    private static partial Regex LanguageFolderPattern();

    public TargetPlatform Kind => TargetPlatform.Genesys;

    public PlatformSettings Parse(RawBuildSettings sharedSettings, bool validateOnly, Func<string, string?> environment, List<Diagnostic> diagnostics)
    {
        var budget = GenesysDefaults.RequestsPerMinute;
        if (Blank(raw.GenesysRequestsPerMinute) is { } budgetText
            && (!int.TryParse(budgetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out budget) || budget is < 0 or > 100_000))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysInvalidRequestBudget, null, budgetText));
            budget = GenesysDefaults.RequestsPerMinute;
        }

        var clientId = Blank(environment(SettingsParser.ClientIdVariable)) ?? "";
        var clientSecret = Blank(environment(SettingsParser.ClientSecretVariable)) ?? "";
        var region = Blank(raw.GenesysRegion);
        var baseUrl = Blank(sharedSettings.EngineUrl) ?? Blank(environment(SettingsParser.BaseUrlVariable));
        // A validation-only build makes no request, so it needs neither credentials (pull-request builds have none) nor a region.
        if (!validateOnly)
        {
            if (clientId.Length == 0 || clientSecret.Length == 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysCredentialsMissing, null,
                    clientId.Length == 0 ? SettingsParser.ClientIdVariable : SettingsParser.ClientSecretVariable));
            }
            if (GenesysRegions.Resolve(region, baseUrl).Problem is { } regionProblem)
            {
                diagnostics.Add(regionProblem);
            }
        }

        return new GenesysBuildSettings(
            Region: region,
            BaseUrl: baseUrl,
            ClientId: clientId,
            ClientSecret: clientSecret,
            RequestsPerMinute: budget,
            ConvertAudio: ParseBool("IvrGenesysConvertAudio", raw.GenesysConvertAudio, GenesysDefaults.ConvertAudio, diagnostics),
            CheckFlows: ParseBool("IvrGenesysCheckFlows", raw.GenesysCheckFlows, GenesysDefaults.CheckFlows, diagnostics),
            DeleteOrphans: ParseBool("IvrGenesysDeleteOrphans", raw.GenesysDeleteOrphans, GenesysDefaults.DeleteOrphans, diagnostics),
            WorkDirectory: Path.Combine(Blank(sharedSettings.CacheDirectory) ?? Path.GetTempPath(), "genesys"),
            DefaultLanguage: ParseDefaultLanguage(raw.DefaultLanguage, diagnostics),
            DownloadCompiledPrompts: ParseBool("IvrGenesysDownloadPrompts", raw.GenesysDownloadPrompts, GenesysDefaults.DownloadPrompts, diagnostics),
            // Checked against the org by the sync (IVR6036 before any write): only the org knows its divisions.
            Division: Blank(raw.GenesysDivision));
    }

    public List<PromptInput> ParsePrompts(PlatformSettings settings, IReadOnlyList<RawPrompt> prompts, List<Diagnostic> diagnostics) =>
        ParseGenesysPrompts(prompts, ((GenesysBuildSettings)settings).DefaultLanguage, diagnostics);

    private static string ParseDefaultLanguage(string? value, List<Diagnostic> diagnostics)
    {
        var language = Blank(value)?.ToLowerInvariant() ?? GenesysDefaults.DefaultLanguage;
        if (!LanguageCodePattern().IsMatch(language))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysInvalidLanguage, null, value, "IvrDefaultLanguage"));
            return GenesysDefaults.DefaultLanguage;
        }
        return language;
    }

    /// <summary>
    /// The Language metadata, else the nearest parent folder of the item spec named like a language (only folders of
    /// the item spec: a full path's /home/de/ must not make a prompt German), else <paramref name="defaultLanguage"/>.
    /// </summary>
    internal static string? ResolveLanguage(RawPrompt prompt, string defaultLanguage, List<Diagnostic> diagnostics)
    {
        if (Blank(prompt.Language) is { } given)
        {
            var language = given.ToLowerInvariant();
            if (LanguageCodePattern().IsMatch(language))
            {
                return language;
            }
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysInvalidLanguage, prompt.Path, given, "Language metadata of " + prompt.ItemSpec));
            return null;
        }

        var folders = (Path.GetDirectoryName(prompt.ItemSpec) ?? "").Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = folders.Length - 1; i >= 0; i--)
        {
            var folder = folders[i].ToLowerInvariant();
            if (LanguageFolderPattern().IsMatch(folder))
            {
                return folder;
            }
        }
        return defaultLanguage;
    }

    /// <summary>The TtsText metadata, else the sidecar <c>&lt;name&gt;.txt</c> beside the audio.</summary>
    private static string? ResolveTtsText(RawPrompt prompt)
    {
        if (Blank(prompt.TtsText) is { } given)
        {
            return given;
        }
        var sidecar = Path.ChangeExtension(prompt.Path, ".txt");
        return File.Exists(sidecar) ? Blank(File.ReadAllText(sidecar)) : null;
    }

    /// <summary>
    /// Genesys Cloud items: a valid Architect name (IVR6023 proposes one), a language, one file per (name, language)
    /// (IVR6024). The NodeId is <c>name.language</c>, unique per resource, which keeps every shared step keyed right.
    /// </summary>
    private static List<PromptInput> ParseGenesysPrompts(IReadOnlyList<RawPrompt> prompts, string defaultLanguage, List<Diagnostic> diagnostics)
    {
        var parsed = new List<PromptInput>(prompts.Count);
        var firstByResource = new Dictionary<(string, string), RawPrompt>(new NameLanguageComparer());
        foreach (var prompt in prompts)
        {
            var name = Blank(prompt.PromptName) ?? Path.GetFileNameWithoutExtension(prompt.Path);
            if (!PromptNameRules.IsValidGenesysName(name))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysInvalidPromptName, prompt.Path, name, PromptNameRules.SuggestGenesysName(name)));
            }
            var language = ResolveLanguage(prompt, defaultLanguage, diagnostics) ?? defaultLanguage;
            if (firstByResource.TryGetValue((name, language), out var first))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysDuplicatePrompt, prompt.Path, name, language, first.Path));
            }
            else
            {
                firstByResource.Add((name, language), prompt);
            }

            parsed.Add(new PromptInput(prompt.Path, name + "." + language, BuildDefaults.Priority, BuildDefaults.FallbackEncoding, prompt.ItemSpec)
            {
                Language = language,
                PromptName = name,
                Text = Blank(prompt.Text),
                TtsText = ResolveTtsText(prompt),
                Description = Blank(prompt.Description),
            });
        }
        return parsed;
    }

    /// <summary>Architect may compare names case-insensitively, so two files differing only in case are one prompt.</summary>
    private sealed class NameLanguageComparer : IEqualityComparer<(string Name, string Language)>
    {
        public bool Equals((string Name, string Language) x, (string Name, string Language) y) =>
            string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase) && x.Language == y.Language;

        public int GetHashCode((string Name, string Language) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name), obj.Language);
    }
}
