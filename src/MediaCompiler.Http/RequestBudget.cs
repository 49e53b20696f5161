namespace MediaCompiler.Http;

/// <summary>A wait the budget imposed: how long, and the limit it kept to (null when only the server's headers said).</summary>
public readonly record struct BudgetWait(TimeSpan Wait, int? Limit, bool OwnCeiling);

/// <summary>
/// Spaces requests under a platform's rate limit instead of meeting its 429s, for every remote: a sliding one-minute
/// window of our own ceiling (per token where the platform counts per token: a new window key starts a new window),
/// and what the server says is left of its own window when its answers carry rate-limit headers
/// (<see cref="Learn"/>). Each request takes one unit; with none left the caller waits, and the wait is reported
/// (<c>onWait</c>), so a build never sits silently. Thread-safe.
/// </summary>
public sealed class RequestBudget(int? requestsPerMinute, TimeProvider time, Action<BudgetWait>? onWait = null)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _sentThisMinute = new();
    private string? _windowKey;
    private int? _remaining;
    private int? _limit;
    private DateTimeOffset _resetAt;

    private int? Ceiling => requestsPerMinute is > 0 ? requestsPerMinute : null;

    /// <summary>Waits, when the budget is spent, until a unit is free; then takes it. Returns how long it waited.</summary>
    /// <param name="windowKey">The token the request is sent with, where the platform counts per token; null otherwise.</param>
    public async Task<TimeSpan> TakeAsync(string? windowKey, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (!string.Equals(_windowKey, windowKey, StringComparison.Ordinal))
                {
                    _windowKey = windowKey;
                    _sentThisMinute.Clear(); // a new token: the platform starts counting again
                }

                var now = time.GetUtcNow();
                wait = WaitNeeded(now);
                if (wait <= TimeSpan.Zero)
                {
                    Take(now);
                    return waited;
                }
            }

            onWait?.Invoke(new BudgetWait(wait, Ceiling ?? _limit, Ceiling is not null));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    /// <summary>Learns the server's window from an answer (values it did not send change nothing).</summary>
    /// <param name="remaining">Requests left in the server's current window.</param>
    /// <param name="resetSeconds">Seconds until that window resets.</param>
    /// <param name="limit">Requests the window allows.</param>
    public void Learn(int? remaining, int? resetSeconds, int? limit)
    {
        if (remaining is not { } left || resetSeconds is not { } seconds)
        {
            return;
        }

        lock (_gate)
        {
            var resetAt = time.GetUtcNow().AddSeconds(seconds);
            // Answers arrive out of order under parallel requests: the lowest count of the current window wins.
            if (_remaining is null || resetAt > _resetAt.AddSeconds(1) || left < _remaining)
            {
                _remaining = left;
            }

            _resetAt = resetAt > _resetAt ? resetAt : _resetAt;
            _limit = limit ?? _limit;
        }
    }

    private TimeSpan WaitNeeded(DateTimeOffset now)
    {
        if (_remaining is not null && now >= _resetAt)
        {
            _remaining = null; // the server's window has turned: unknown until the next answer says
        }

        var wait = _remaining is 0 ? _resetAt - now : TimeSpan.Zero;
        if (Ceiling is { } ceiling)
        {
            while (_sentThisMinute.Count > 0 && _sentThisMinute.Peek() + Minute <= now)
            {
                _sentThisMinute.Dequeue();
            }

            if (_sentThisMinute.Count >= ceiling)
            {
                var ownWait = _sentThisMinute.Peek() + Minute - now;
                wait = ownWait > wait ? ownWait : wait;
            }
        }

        return wait;
    }

    private void Take(DateTimeOffset now)
    {
        if (_remaining is > 0)
        {
            _remaining--;
        }

        if (Ceiling is not null)
        {
            _sentThisMinute.Enqueue(now);
        }
    }
}
