using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.Faults;

/// <summary>What the fault switches decided for one request.</summary>
internal enum FaultKind
{
    None,
    ServerError,
    ServiceUnavailable,
    DropConnection,
}

internal readonly record struct FaultDecision(FaultKind Kind, int LatencyMilliseconds, int? RetryAfterSeconds);

/// <summary>
/// The fault switches in force. Draws come from one <see cref="Random"/> seeded by <see cref="FaultSettings.Seed"/>,
/// reset whenever the settings change, so the same sequence of requests meets the same faults. Thread-safe.
/// </summary>
public sealed class FaultController
{
    private readonly object gate = new();
    private readonly FaultSettings configured;
    private FaultSettings current;
    private Random random;

    public FaultController(EmulatorSettings settings)
    {
        configured = settings.Faults.Clone();
        current = configured.Clone();
        random = new Random(current.Seed);
    }

    /// <summary>A copy of the faults in force.</summary>
    public FaultSettings Current
    {
        get
        {
            lock (gate)
            {
                return current.Clone();
            }
        }
    }

    /// <summary>Replaces the faults in force and restarts the seeded draws.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message lists each one).</exception>
    public void Set(FaultSettings faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var problems = faults.Validate("faults").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(faults));
        }

        lock (gate)
        {
            current = faults.Clone();
            random = new Random(current.Seed);
        }
    }

    /// <summary>Back to the faults of the configuration (<c>Emulator:Faults</c>).</summary>
    public void RestoreConfigured() => Set(configured);

    /// <summary>The real lifetime of a token issued now, when the early-expiry switch is on.</summary>
    internal int? TokenLifetimeOverride
    {
        get
        {
            lock (gate)
            {
                return current.TokenLifetimeSeconds;
            }
        }
    }

    /// <summary>Asked once per accepted job (see <see cref="JobFaultOverlay"/>).</summary>
    internal JobFault DecideJob()
    {
        lock (gate)
        {
            return current.JobFault;
        }
    }

    internal FaultDecision Decide(string routeKey)
    {
        lock (gate)
        {
            if (!Applies(current.Routes, routeKey))
            {
                return default;
            }

            var kind = FaultKind.None;
            if (current.ServerErrorRate + current.ServiceUnavailableRate + current.DropConnectionRate > 0)
            {
                var draw = random.NextDouble();
                kind = draw < current.ServerErrorRate ? FaultKind.ServerError
                    : draw < current.ServerErrorRate + current.ServiceUnavailableRate ? FaultKind.ServiceUnavailable
                    : draw < current.ServerErrorRate + current.ServiceUnavailableRate + current.DropConnectionRate ? FaultKind.DropConnection
                    : FaultKind.None;
            }

            return new FaultDecision(kind, current.LatencyMilliseconds, current.RetryAfterSeconds);
        }
    }

    /// <summary>An entry matches "METHOD /template" exactly, or "/template" for any method.</summary>
    private static bool Applies(List<string> routes, string routeKey)
    {
        if (routes.Count == 0)
        {
            return true;
        }

        var template = routeKey[(routeKey.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return routes.Any(route =>
            string.Equals(route.Trim(), routeKey, StringComparison.OrdinalIgnoreCase)
            || string.Equals(route.Trim(), template, StringComparison.OrdinalIgnoreCase));
    }
}
