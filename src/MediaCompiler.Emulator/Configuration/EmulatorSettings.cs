using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MediaCompiler.Emulator.Configuration;

/// <summary>
/// Everything the emulator is set up with: the configuration section <c>Emulator</c> (appsettings.json, environment
/// variables such as <c>Emulator__TokenLifetimeSeconds</c>, command-line <c>--Emulator:TokenLifetimeSeconds=60</c>).
/// Tests build one with <see cref="LoadDefaults"/> and change what they need before <c>EmulatorHost.StartAsync</c>.
/// </summary>
public sealed class EmulatorSettings
{
    public const string SectionName = "Emulator";

    /// <summary>Name of the embedded demo configuration (the project's appsettings.json).</summary>
    internal const string DefaultsResourceName = "MediaCompiler.Emulator.appsettings.json";

    /// <summary>OAuth clients. The first is the demo client that <c>dotnet run</c> prints.</summary>
    public List<ClientSettings> Clients { get; set; } = new();

    /// <summary>Flow ids a compile request may name (at least one).</summary>
    public List<string> FlowIds { get; set; } = new();

    /// <summary>Lifetime of issued bearer tokens, and the <c>expires_in</c> the token answer reports.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Where the engine persists assets, outputs and jobs; null keeps them in memory only.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>ffmpeg for decoding mp3/aac/ogg uploads; null looks on the PATH.</summary>
    public string? FfmpegPath { get; set; }

    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Media entries one compile job may have; more is refused with 413 (IVR3400).</summary>
    public int MaxEntriesPerJob { get; set; } = 5000;

    /// <summary>Jobs QUEUED or RUNNING at once, all clients together; one more is refused with 429 (IVR3402).</summary>
    public int MaxUnfinishedJobs { get; set; } = 100;

    /// <summary>
    /// Jobs QUEUED or RUNNING at once for one client (its client id): one more is refused with 429 and Retry-After
    /// (IVR3409), so that one client cannot fill the queue every client shares.
    /// </summary>
    public int MaxUnfinishedJobsPerClient { get; set; } = 20;

    /// <summary>Bearer tokens held at once; issuing one more forgets the one closest to expiry.</summary>
    public int MaxIssuedTokens { get; set; } = 10_000;

    /// <summary>
    /// Largest request body accepted at all (2 MiB of audio plus room for the multipart envelope). A bigger body is
    /// refused with 413 before it is read; the engine itself answers 413 for audio over 2 MiB.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = (2 * 1024 * 1024) + (64 * 1024);

    public RateLimitSettings RateLimit { get; set; } = new();

    public WebhookSettings Webhooks { get; set; } = new();

    /// <summary>The faults active at start and restored by <c>POST /emulator/reset</c>.</summary>
    public FaultSettings Faults { get; set; } = new();

    /// <summary>
    /// The clock of token expiry, rate-limit windows and webhook timestamps (a fake one in tests). Not read from
    /// configuration.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The demo configuration that ships inside the emulator (its appsettings.json), as settings.</summary>
    public static EmulatorSettings LoadDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LoadDefaultConfiguration()).Build();
        return FromConfiguration(configuration);
    }

    /// <summary>Binds the <c>Emulator</c> section of <paramref name="configuration"/>.</summary>
    public static EmulatorSettings FromConfiguration(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<EmulatorSettings>() ?? new EmulatorSettings();

    /// <summary>The embedded appsettings.json as flat configuration keys (so it can sit under any other source).</summary>
    internal static IReadOnlyDictionary<string, string?> LoadDefaultConfiguration()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultsResourceName)
            ?? throw new InvalidOperationException($"The emulator assembly lacks its embedded {DefaultsResourceName}.");
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return configuration.AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    /// <summary>Every problem that would keep the emulator from working as configured; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Clients.Count == 0)
        {
            problems.Add($"{SectionName}:Clients is empty: configure at least one client (ClientId, ClientSecret, WebhookSecret, Scopes).");
        }

        for (var i = 0; i < Clients.Count; i++)
        {
            problems.AddRange(Clients[i].Validate($"{SectionName}:Clients:{i}"));
        }

        var duplicate = Clients.GroupBy(c => c.ClientId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"{SectionName}:Clients names client id '{duplicate.Key}' more than once.");
        }

        if (FlowIds.Count == 0 || FlowIds.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{SectionName}:FlowIds must list at least one non-empty flow id.");
        }

        if (TokenLifetimeSeconds <= 0)
        {
            problems.Add($"{SectionName}:TokenLifetimeSeconds is {TokenLifetimeSeconds}; it must be positive.");
        }

        if (MaxConcurrentJobs <= 0)
        {
            problems.Add($"{SectionName}:MaxConcurrentJobs is {MaxConcurrentJobs}; it must be positive.");
        }

        foreach (var (name, value) in new[] { ("MaxEntriesPerJob", MaxEntriesPerJob), ("MaxUnfinishedJobs", MaxUnfinishedJobs), ("MaxUnfinishedJobsPerClient", MaxUnfinishedJobsPerClient), ("MaxIssuedTokens", MaxIssuedTokens) })
        {
            if (value <= 0)
            {
                problems.Add($"{SectionName}:{name} is {value}; it must be positive.");
            }
        }

        if (MaxRequestBodyBytes <= 0)
        {
            problems.Add($"{SectionName}:MaxRequestBodyBytes is {MaxRequestBodyBytes}; it must be positive.");
        }

        problems.AddRange(RateLimit.Validate($"{SectionName}:RateLimit"));
        problems.AddRange(Webhooks.Validate($"{SectionName}:Webhooks"));
        problems.AddRange(Faults.Validate($"{SectionName}:Faults"));
        return problems;
    }
}
