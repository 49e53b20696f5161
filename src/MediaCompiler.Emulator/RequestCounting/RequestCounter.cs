using System.Collections.Concurrent;

namespace MediaCompiler.Emulator.RequestCounting;

/// <summary>How many requests reached each API route, faulted ones included (<c>GET /emulator/requests</c>).</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Increment(string routeKey) => _counts.AddOrUpdate(routeKey, 1, (_, count) => count + 1);

    /// <summary>A copy, sorted by route key: "METHOD /route/template" → count.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() =>
        new SortedDictionary<string, int>(_counts.ToDictionary(pair => pair.Key, pair => pair.Value), StringComparer.Ordinal);

    public void Clear() => _counts.Clear();
}
