using System.Text.Json.Serialization;
using MediaCompiler.Engine;

namespace MediaCompiler.Emulator.Configuration;

/// <summary>
/// Faults the emulator injects, reproducibly from <see cref="Seed"/>. Set at start from configuration
/// (<c>Emulator:Faults</c>) and at run time by <c>PUT /emulator/faults</c> (same shape, camelCase JSON).
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Seed of the random draws deciding which requests fail; the same seed gives the same sequence.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Share (0..1) of matching requests answered 500.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share (0..1) of matching requests answered 503.</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Retry-After (whole seconds) sent with an injected 503; null sends none.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Share (0..1) of matching requests whose connection is dropped without an answer.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Delay added before every matching request is handled.</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>
    /// Which requests the faults above touch: entries such as <c>"POST /api/v2/media/assets"</c> (method and route
    /// template) or <c>"/api/v2/media/compile/{id}"</c> (any method). Empty: every API request (<c>/oauth/token</c>
    /// and <c>/api/v2/*</c>).
    /// </summary>
    public List<string> Routes { get; set; } = new();

    /// <summary>
    /// Real lifetime of tokens issued while set (tokens that expire early). The token answer still reports the
    /// configured <c>expires_in</c>, as a server whose tokens are revoked early would. Null: no override.
    /// </summary>
    public int? TokenLifetimeSeconds { get; set; }

    /// <summary>What happens to compile jobs submitted while set: None, Fail or NeverFinish.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<JobFault>))]
    public JobFault JobFault { get; set; } = JobFault.None;

    public FaultSettings Clone()
    {
        var copy = (FaultSettings)MemberwiseClone();
        copy.Routes = new List<string>(Routes);
        return copy;
    }

    internal IEnumerable<string> Validate(string path)
    {
        foreach (var (name, rate) in new[]
                 {
                     (nameof(ServerErrorRate), ServerErrorRate),
                     (nameof(ServiceUnavailableRate), ServiceUnavailableRate),
                     (nameof(DropConnectionRate), DropConnectionRate),
                 })
        {
            if (double.IsNaN(rate) || rate < 0 || rate > 1)
            {
                yield return $"{path}:{name} is {rate}; it must be between 0 and 1.";
            }
        }

        if (ServerErrorRate + ServiceUnavailableRate + DropConnectionRate > 1.000001)
        {
            yield return $"{path}: ServerErrorRate + ServiceUnavailableRate + DropConnectionRate is more than 1.";
        }

        if (RetryAfterSeconds is < 0)
        {
            yield return $"{path}:RetryAfterSeconds is {RetryAfterSeconds}; it must be 0 or more.";
        }

        if (LatencyMilliseconds < 0)
        {
            yield return $"{path}:LatencyMilliseconds is {LatencyMilliseconds}; it must be 0 or more.";
        }

        if (TokenLifetimeSeconds is < 0)
        {
            yield return $"{path}:TokenLifetimeSeconds is {TokenLifetimeSeconds}; it must be 0 or more.";
        }

        // "routes": null or [null] would otherwise be accepted and then fail every later request that meets the list.
        if (Routes is null || Routes.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{path}:Routes has a null or empty entry; list routes such as \"GET /api/v2/media/assets/{{id}}\", or [] for all.";
        }

        if (!Enum.IsDefined(JobFault))
        {
            yield return $"{path}:JobFault is {JobFault}; it must be None, Fail or NeverFinish.";
        }
    }
}
