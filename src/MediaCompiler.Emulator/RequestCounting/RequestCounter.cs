using System.Collections.Concurrent;

namespace MediaCompiler.Emulator.RequestCounting;

/// <summary>One request that reached an API route: what a script or a person reads to see what a build sent.</summary>
/// <param name="At">When it arrived (UTC).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path without the query string (a query may carry a token or a pre-signed signature).</param>
/// <param name="Route">"METHOD /route/template", the key of <c>GET /emulator/requests</c>.</param>
/// <param name="Status">The status answered (faults included: 500, 503; 0 when the connection was dropped).</param>
/// <param name="Milliseconds">How long the emulator took to answer.</param>
internal sealed record RequestLogEntry(DateTimeOffset At, string Method, string Path, string Route, int Status, double Milliseconds);

/// <summary>
/// How many requests reached each API route, faulted ones included (<c>GET /emulator/requests</c>), and the newest
/// <see cref="LogCapacity"/> of them one by one (<c>GET /emulator/requests/log</c>). Both start over on reset.
/// </summary>
internal sealed class RequestCounter
{
    /// <summary>Entries kept: enough for a 2,000-prompt build's requests, bounded so a soak test cannot grow it forever.</summary>
    public const int LogCapacity = 10_000;

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RequestLogEntry> _log = new();

    public void Increment(string routeKey) => _counts.AddOrUpdate(routeKey, 1, (_, count) => count + 1);

    public void Record(RequestLogEntry entry)
    {
        _log.Enqueue(entry);
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
            // Oldest first out: the log keeps the newest requests.
        }
    }

    /// <summary>A copy, sorted by route key: "METHOD /route/template" → count.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() =>
        new SortedDictionary<string, int>(_counts.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.Ordinal);

    /// <summary>The logged requests, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Log() => _log.ToArray();

    public void Clear()
    {
        _counts.Clear();
        _log.Clear();
    }
}
