using System.Collections.Concurrent;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.RateLimiting;

/// <summary>
/// A fixed-window request budget per client. Fixed _windows make the answer easy to predict in tests: the budget
/// refills all at once when the window ends, and Retry-After says when that is. Thread-safe.
/// </summary>
internal sealed class ClientRateLimiter(EmulatorSettings settings)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request of <paramref name="client"/>; null when allowed, else the seconds to wait.</summary>
    public int? TryAcquire(ClientSettings client)
    {
        var budget = client.RequestsPerWindow ?? settings.RateLimit.RequestsPerWindow;
        if (budget <= 0)
        {
            return null;
        }

        var now = settings.TimeProvider.GetUtcNow();
        var length = TimeSpan.FromSeconds(settings.RateLimit.WindowSeconds);
        var window = _windows.GetOrAdd(client.ClientId, _ => new Window());
        lock (window)
        {
            if (now >= window.Start + length)
            {
                window.Start = now;
                window.Count = 0;
            }

            if (window.Count < budget)
            {
                window.Count++;
                return null;
            }

            var wait = window.Start + length - now;
            return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        }
    }

    public void Clear() => _windows.Clear();

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}
