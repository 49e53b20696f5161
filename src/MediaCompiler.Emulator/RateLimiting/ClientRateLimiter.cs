using System.Collections.Concurrent;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.RateLimiting;

/// <summary>
/// A fixed-window request budget per client. Fixed _windows make the answer easy to predict in tests: the budget
/// refills all at once when the window ends, and Retry-After says when that is. Thread-safe.
/// </summary>
/// <summary>One request's place in its client's budget: a wait when refused, and what the rate-limit headers report.</summary>
internal readonly record struct RateDecision(int? RetryAfterSeconds, int Limit, int Remaining, int ResetSeconds);

internal sealed class ClientRateLimiter(EmulatorSettings settings)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request of <paramref name="client"/>; RetryAfterSeconds is null when allowed.</summary>
    public RateDecision TryAcquire(ClientSettings client)
    {
        var budget = client.RequestsPerWindow ?? settings.RateLimit.RequestsPerWindow;
        if (budget <= 0)
        {
            return new RateDecision(null, 0, 0, 0);
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

            var reset = Math.Max(1, (int)Math.Ceiling((window.Start + length - now).TotalSeconds));
            if (window.Count < budget)
            {
                window.Count++;
                return new RateDecision(null, budget, budget - window.Count, reset);
            }

            return new RateDecision(reset, budget, 0, reset);
        }
    }

    public void Clear() => _windows.Clear();

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}
