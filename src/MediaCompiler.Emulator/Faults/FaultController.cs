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
    private readonly object _gate = new();
    private readonly FaultSettings _configured;
    private FaultSettings _current;
    private Random _random;
    private int _injected;

    public FaultController(EmulatorSettings settings)
    {
        _configured = settings.Faults.Clone();
        _current = _configured.Clone();
        _random = new Random(_current.Seed);
    }

    /// <summary>A copy of the faults in force.</summary>
    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _current.Clone();
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

        lock (_gate)
        {
            _current = faults.Clone();
            _random = new Random(_current.Seed);
        }
    }

    /// <summary>
    /// How many requests met an injected fault (500, 503 or a dropped connection) since the emulator started: a test
    /// that claims to survive faults shows with it that there were some to survive.
    /// </summary>
    public int InjectedFaults
    {
        get
        {
            lock (_gate)
            {
                return _injected;
            }
        }
    }

    /// <summary>Back to the faults of the configuration (<c>Emulator:Faults</c>).</summary>
    public void RestoreConfigured() => Set(_configured);

    /// <summary>The real lifetime of a token issued now, when the early-expiry switch is on.</summary>
    internal int? TokenLifetimeOverride
    {
        get
        {
            lock (_gate)
            {
                return _current.TokenLifetimeSeconds;
            }
        }
    }

    /// <summary>Asked once per accepted job (see <see cref="JobFaultOverlay"/>).</summary>
    internal JobFault DecideJob()
    {
        lock (_gate)
        {
            return _current.JobFault;
        }
    }

    internal FaultDecision Decide(string routeKey)
    {
        lock (_gate)
        {
            if (!Applies(_current.Routes, routeKey))
            {
                return default;
            }

            var kind = FaultKind.None;
            if (_current.ServerErrorRate + _current.ServiceUnavailableRate + _current.DropConnectionRate > 0)
            {
                var draw = _random.NextDouble();
                kind = draw < _current.ServerErrorRate ? FaultKind.ServerError
                    : draw < _current.ServerErrorRate + _current.ServiceUnavailableRate ? FaultKind.ServiceUnavailable
                    : draw < _current.ServerErrorRate + _current.ServiceUnavailableRate + _current.DropConnectionRate ? FaultKind.DropConnection
                    : FaultKind.None;
            }
            if (kind != FaultKind.None)
            {
                _injected++;
            }

            return new FaultDecision(kind, _current.LatencyMilliseconds, _current.RetryAfterSeconds);
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
