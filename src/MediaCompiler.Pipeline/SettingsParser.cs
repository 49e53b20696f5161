using MediaCompiler.Audio.Rules;
using System.Globalization;
using System.Text.RegularExpressions;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Checks and defaults every build setting and every IvrPrompt's metadata, reporting ALL problems at once as IVR2xxx
/// diagnostics. Runs before any file is read or any request is made, so a typo costs nothing.
/// </summary>
public static partial class SettingsParser
{
    /// <summary>The encodings the media engine compiles to (pcmu/pcma are the RTP names of ulaw/alaw).</summary>
    public static readonly IReadOnlyList<string> Encodings = ["ulaw", "alaw", "pcmu", "pcma"];

    public const string ClientIdVariable = "GENESYS_CLIENT_ID";
    public const string ClientSecretVariable = "GENESYS_CLIENT_SECRET";
    public const string BaseUrlVariable = "GENESYS_BASE_URL";

    /// <param name="Settings">The build's settings; null when a setting is wrong (nothing can run).</param>
    /// <param name="HasItemErrors">
    /// A prompt item is wrong (its NodeId or prompt name, priority, language...): the settings still stand, so the build
    /// checks every file too and reports all of it in one pass, then stops before any network work.
    /// </param>
    public sealed record Result(PipelineSettings? Settings, IReadOnlyList<PromptInput> Prompts, IReadOnlyList<Diagnostic> Diagnostics,
        bool HasItemErrors = false)
    {
        public bool Succeeded => Settings is not null && !HasItemErrors;
    }

    /// <param name="environment">Reads an environment variable (credentials never come from anywhere else).</param>
    /// <param name="platforms">The parsers of the platforms other than the media API (their own properties and item conventions).</param>
    public static Result Parse(RawBuildSettings raw, IReadOnlyList<RawPrompt> prompts, Func<string, string?> environment,
        params IReadOnlyList<IPlatformSettingsParser> platforms)
    {
        var diagnostics = new List<Diagnostic>();

        var validateOnly = ParseBool("IvrValidateOnly", raw.ValidateOnly, false, diagnostics);
        // Validate-only makes no request at all, so it wins over a plan (which reads the platform).
        var planOnly = ParseBool("IvrPlanOnly", raw.PlanOnly, false, diagnostics) && !validateOnly;
        var platform = ParsePlatform(raw.Platform, diagnostics);
        var encoding = ParseEncoding(raw.Encoding, diagnostics);
        var flowId = raw.FlowId?.Trim() ?? "";
        // Architect prompts belong to no flow; a flow id is a media API compile job's.
        if (flowId.Length == 0 && !validateOnly && platform == TargetPlatform.MediaApi)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingFlowId, null));
        }

        var options = new CompileOptions
        {
            EnableOptimization = ParseBool("IvrEnableOptimization", raw.EnableOptimization, BuildDefaults.EnableOptimization, diagnostics),
            StripMetadata = ParseBool("IvrStripMetadata", raw.StripMetadata, BuildDefaults.StripMetadata, diagnostics),
            NormalizeVolume = ParseBool("IvrNormalizeVolume", raw.NormalizeVolume, BuildDefaults.NormalizeVolume, diagnostics),
            MaxChannels = ParseMaxChannels(raw.MaxChannels, diagnostics),
        };
        var (qualityChecks, quality) = ParseQuality(raw, diagnostics);
        // The level the checks expect is the level the engine normalises to: one property, one target.
        options = options with { TargetSpeechLevelDbov = quality.TargetSpeechLevelDbov };
        var timeout = ParseDuration(raw.CompileTimeout, BuildDefaults.CompileTimeout, DiagnosticCatalog.InvalidCompileTimeout, diagnostics);
        var syncTimeout = ParseDuration(raw.SyncTimeout, BuildDefaults.SyncTimeout, DiagnosticCatalog.InvalidSyncTimeout, diagnostics);
        var parallelUploads = (int)ParseWholeNumber(raw.MaxParallelUploads, 1, 64, BuildDefaults.MaxParallelUploads, DiagnosticCatalog.InvalidMaxParallelUploads, diagnostics);
        var cacheSize = ParseWholeNumber(raw.PromptCacheSize, 0, 1_048_576, BuildDefaults.PromptCacheSizeMegabytes, DiagnosticCatalog.InvalidPromptCacheSize, diagnostics);
        var webhook = ParseWebhook(raw.WebhookUrl, diagnostics);
        var download = ParseBool("IvrDownloadCompiledPrompts", raw.DownloadCompiledPrompts, BuildDefaults.DownloadCompiledPrompts, diagnostics);
        // A validation-only build never talks to an engine, so it needs neither a URL nor credentials.
        var engine = validateOnly || platform != TargetPlatform.MediaApi ? EngineConnection.InProcess : ParseEngine(raw.EngineUrl, environment, diagnostics);
        var platformParser = platform == TargetPlatform.MediaApi ? null
            : platforms.FirstOrDefault(p => p.Kind == platform)
                ?? throw new InvalidOperationException($"No settings parser was given for the platform {platform}.");
        var platformSettings = platformParser?.Parse(raw, validateOnly, environment, diagnostics);
        if (platformSettings is not null)
        {
            download = platformSettings.DownloadCompiledPrompts;
        }
        var itemDiagnostics = new List<Diagnostic>();
        var parsedPrompts = platformParser is null
            ? ParsePrompts(prompts, itemDiagnostics)
            : platformParser.ParsePrompts(platformSettings!, prompts, itemDiagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            // A wrong setting: nothing can run, but every problem, the items' too, is reported at once.
            return new Result(null, parsedPrompts, [.. diagnostics, .. itemDiagnostics]);
        }
        diagnostics.AddRange(itemDiagnostics);

        var settings = new PipelineSettings
        {
            FlowId = flowId,
            Encoding = encoding,
            WebhookUrl = webhook,
            Options = options,
            CompileTimeout = timeout,
            SyncTimeout = syncTimeout,
            MaxParallelUploads = parallelUploads,
            Engine = engine,
            ValidateOnly = validateOnly,
            PlanOnly = planOnly,
            PlanFile = planOnly && Blank(raw.PlanFile) is { } planFile ? Path.GetFullPath(planFile) : null,
            CompiledPromptsDirectory = download ? Blank(raw.CompiledPromptsDirectory) : null,
            AuditLogPath = Blank(raw.AuditLogPath),
            PromptCacheDirectory = cacheSize > 0 && Blank(raw.CacheDirectory) is { } promptCacheParent ? Path.Combine(promptCacheParent, "prompt-cache") : null,
            PromptCacheMaxBytes = cacheSize * 1024L * 1024L,
            QualityChecks = qualityChecks,
            Quality = quality,
            Platform = platform,
            PlatformSettings = platformSettings,
        };
        return new Result(settings, parsedPrompts, diagnostics, HasItemErrors: itemDiagnostics.Any(d => d.IsError));
    }

    private static TargetPlatform ParsePlatform(string? value, List<Diagnostic> diagnostics)
    {
        switch (Blank(value)?.ToLowerInvariant())
        {
            case null or "mediaapi":
                return TargetPlatform.MediaApi;
            case "genesyscloud" or "genesys":
                return TargetPlatform.Genesys;
            default:
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnknownPlatform, null, value));
                return TargetPlatform.MediaApi;
        }
    }

    private static string? Blank(string? value) => SettingValues.Blank(value);

    private static bool ParseBool(string property, string? value, bool defaultValue, List<Diagnostic> diagnostics) =>
        SettingValues.ParseBool(property, value, defaultValue, diagnostics);

    private static string ParseEncoding(string? value, List<Diagnostic> diagnostics)
    {
        var text = Blank(value)?.ToLowerInvariant() ?? BuildDefaults.Encoding;
        if (!Encodings.Contains(text))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnknownEncoding, null, value));
        }
        return text;
    }

    private static int ParseMaxChannels(string? value, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return BuildDefaults.MaxChannels;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var channels) || channels != 1)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidMaxChannels, null, text));
        }
        return BuildDefaults.MaxChannels;
    }

    /// <summary>
    /// The longest compile timeout accepted. A compile job that runs for a day is stuck; and the deadline is a
    /// cancellation timer, which cannot be armed beyond ~49 days (it throws), so a huge value must be an IVR2003 here.
    /// </summary>
    public static readonly TimeSpan MaxCompileTimeout = TimeSpan.FromDays(1);

    /// <summary>Accepts seconds ("600", "2.5") or a time span ("00:10:00"); must be positive and at most one day.</summary>
    public static bool TryParseTimeout(string text, out TimeSpan timeout)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            timeout = double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.Zero;
        }
        else if (!text.Contains(':') || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout))
        {
            // "5" alone parses as five DAYS with TimeSpan.Parse; requiring a colon keeps bare numbers as seconds.
            timeout = TimeSpan.Zero;
        }
        return timeout > TimeSpan.Zero && timeout <= MaxCompileTimeout;
    }

    /// <summary>Seconds or a time span (see <see cref="TryParseTimeout"/>); blank is the default, anything else <paramref name="invalid"/>.</summary>
    private static TimeSpan ParseDuration(string? value, TimeSpan defaultValue, DiagnosticDescriptor invalid, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return defaultValue;
        }
        if (TryParseTimeout(text, out var timeout))
        {
            return timeout;
        }
        diagnostics.Add(Diagnostic.Create(invalid, null, text));
        return defaultValue;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; blank is the default, anything else <paramref name="invalid"/>.</summary>
    private static long ParseWholeNumber(string? value, long min, long max, long defaultValue, DiagnosticDescriptor invalid, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return defaultValue;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        diagnostics.Add(Diagnostic.Create(invalid, null, text));
        return defaultValue;
    }

    private static string? ParseWebhook(string? value, List<Diagnostic> diagnostics)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }
        if (!IsHttpUrl(text, out _))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidWebhookUrl, null, text));
        }
        return text;
    }

    private static bool IsHttpUrl(string text, out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
        && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>The IvrEngineUrl property wins over GENESYS_BASE_URL; neither means the embedded engine.</summary>
    private static EngineConnection ParseEngine(string? propertyUrl, Func<string, string?> environment, List<Diagnostic> diagnostics)
    {
        var (text, source) = Blank(propertyUrl) is { } fromProperty
            ? (fromProperty, "IvrEngineUrl")
            : (Blank(environment(BaseUrlVariable)), BaseUrlVariable);
        if (text is null)
        {
            return EngineConnection.InProcess;
        }
        // The client secret goes to this host in the token request: over http only to this machine (the emulator).
        if (!IsHttpUrl(text, out var url) || url!.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            // User info in a URL is a credential: never echo it back into the log.
            var shown = text.Contains('@') ? "(a URL with embedded credentials)" : text;
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidEngineUrl, null, shown, source));
            return EngineConnection.InProcess;
        }

        var clientId = Blank(environment(ClientIdVariable));
        var clientSecret = Blank(environment(ClientSecretVariable));
        var missing = new[] { (ClientIdVariable, clientId), (ClientSecretVariable, clientSecret) }
            .Where(v => v.Item2 is null)
            .Select(v => v.Item1)
            .ToArray();
        if (missing.Length > 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.MissingEngineCredentials, null, url, string.Join(" and ", missing)));
        }
        return new EngineConnection(url, clientId, clientSecret);
    }

    private static List<PromptInput> ParsePrompts(IReadOnlyList<RawPrompt> prompts, List<Diagnostic> diagnostics)
    {
        var parsed = new List<PromptInput>(prompts.Count);
        var firstByNodeId = new Dictionary<string, RawPrompt>(StringComparer.OrdinalIgnoreCase);
        // What IVR2021 proposes must work when pasted in: never a NodeId another prompt has or was proposed ("a#b", "a&b").
        static string NodeIdOf(RawPrompt prompt) => Blank(prompt.NodeId) ?? PromptNameRules.NodeIdFromFileName(prompt.Path);
        var taken = prompts.Select(NodeIdOf).Where(PromptNameRules.IsValidNodeId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var prompt in prompts)
        {
            var nodeId = NodeIdOf(prompt);
            if (!PromptNameRules.IsValidNodeId(nodeId))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidNodeId, prompt.Path, nodeId, MSBuildText.AttributeValue(prompt.ItemSpec), PromptNameRules.ProposeNodeId(nodeId, taken)));
            }
            else if (firstByNodeId.TryGetValue(nodeId, out var first))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.DuplicateNodeId, prompt.Path, nodeId, first.Path, MSBuildText.AttributeValue(prompt.ItemSpec)));
            }
            else
            {
                firstByNodeId.Add(nodeId, prompt);
            }

            var priority = BuildDefaults.Priority;
            if (Blank(prompt.Priority) is { } priorityText
                && (!int.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out priority) || priority is < 1 or > 10))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidPriority, prompt.Path, priorityText, MSBuildText.AttributeValue(prompt.ItemSpec)));
                priority = BuildDefaults.Priority;
            }

            var fallback = Blank(prompt.FallbackEncoding)?.ToLowerInvariant() ?? BuildDefaults.FallbackEncoding;
            if (!Encodings.Contains(fallback))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidFallbackEncoding, prompt.Path, prompt.FallbackEncoding, MSBuildText.AttributeValue(prompt.ItemSpec)));
            }

            parsed.Add(new PromptInput(prompt.Path, nodeId, priority, fallback, prompt.ItemSpec));
        }
        return parsed;
    }
}
