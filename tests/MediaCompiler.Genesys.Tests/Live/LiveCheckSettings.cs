namespace MediaCompiler.Genesys.Tests.Live;

/// <summary>What the live check asked and what the org answered (one row of the printed table).</summary>
internal sealed record LiveFinding(string Question, string Answer, string Evidence);

/// <summary>
/// Where the live check runs and how patiently. <see cref="FromEnvironment"/> reads the variables a team sets for a
/// sandbox org; tests aim the same check at the emulator with short waits.
/// </summary>
internal sealed record LiveCheckSettings(string? Region, string? BaseUrl, string ClientId, string ClientSecret)
{
    public const string RegionVariable = "GENESYS_REGION";
    public const string BaseUrlVariable = "GENESYS_BASE_URL";
    public const string ClientIdVariable = "GENESYS_CLIENT_ID";
    public const string ClientSecretVariable = "GENESYS_CLIENT_SECRET";
    public const string ReportVariable = "GENESYS_LIVE_REPORT";

    /// <summary>Between two reads while waiting for a transcode.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an upload may take to reach <c>transcoded</c>.</summary>
    public TimeSpan TranscodeTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The sync's first poll delay (the library's default is 1 s).</summary>
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>For tests: the way to the emulator (counted by its clock); null uses the network directly.</summary>
    public Func<HttpMessageHandler>? Handler { get; init; }

    /// <summary>For tests only: throw after the step of this question, to show cleanup runs whatever happens.</summary>
    public string? FailAfterStep { get; init; }

    /// <summary>The sandbox org of the environment, or why there is none (then the live test is skipped).</summary>
    public static (LiveCheckSettings? Settings, string? Missing) FromEnvironment()
    {
        var id = Environment.GetEnvironmentVariable(ClientIdVariable);
        var secret = Environment.GetEnvironmentVariable(ClientSecretVariable);
        var region = Environment.GetEnvironmentVariable(RegionVariable);
        var baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable);
        var missing = new[]
        {
            string.IsNullOrEmpty(id) ? ClientIdVariable : null,
            string.IsNullOrEmpty(secret) ? ClientSecretVariable : null,
            string.IsNullOrEmpty(region) && string.IsNullOrEmpty(baseUrl) ? $"{RegionVariable} (or {BaseUrlVariable})" : null,
        }.OfType<string>().ToList();
        return missing.Count > 0
            ? (null, "no sandbox org: " + string.Join(", ", missing) + " not set")
            : (new LiveCheckSettings(NullIfEmpty(region), NullIfEmpty(baseUrl), id!, secret!), null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>A [Fact] skipped, with the reason, unless a sandbox org's credentials are in the environment.</summary>
internal sealed class LiveGenesysFactAttribute : FactAttribute
{
    public LiveGenesysFactAttribute()
    {
        if (LiveCheckSettings.FromEnvironment().Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
