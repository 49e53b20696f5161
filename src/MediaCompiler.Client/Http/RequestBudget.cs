using System.Globalization;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Client;

/// <summary>
/// Spaces requests under the engine's rate limit instead of meeting its 429: learnt from the answers' rate-limit
/// headers (<see cref="RateLimitHeaders"/>: what is left in the window and when it resets) and, when configured, a
/// ceiling of our own per minute. Each send takes one unit; with none left the sender waits for the window to reset,
/// and says so (IVR5101) through the progress log, so a build never sits silently. Thread-safe.
/// </summary>
internal sealed class RequestBudget(HttpMediaEngineClientOptions options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _sentThisMinute = new();
    private int? _remaining;
    private int? _limit;
    private DateTimeOffset _resetAt;

    private TimeProvider Time => options.TimeProvider;

    /// <summary>Waits, when the budget is spent, until a unit is free; then takes it.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = WaitNeeded(Time.GetUtcNow());
                if (wait <= TimeSpan.Zero)
                {
                    Take(Time.GetUtcNow());
                    return;
                }
            }

            Report(wait);
            await Task.Delay(wait, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Learns the engine's budget from an answer's headers (absent headers change nothing).</summary>
    public void Learn(HttpResponseMessage response)
    {
        if (ReadInt(response, RateLimitHeaders.Remaining) is not { } remaining || ReadInt(response, RateLimitHeaders.Reset) is not { } resetSeconds)
        {
            return;
        }

        lock (_gate)
        {
            var resetAt = Time.GetUtcNow().AddSeconds(resetSeconds);
            // Answers arrive out of order under parallel requests: the lowest count of the current window wins.
            if (_remaining is null || resetAt > _resetAt.AddSeconds(1) || remaining < _remaining)
            {
                _remaining = remaining;
            }

            _resetAt = resetAt > _resetAt ? resetAt : _resetAt;
            _limit = ReadInt(response, RateLimitHeaders.Limit) ?? _limit;
        }
    }

    private TimeSpan WaitNeeded(DateTimeOffset now)
    {
        if (_remaining is not null && now >= _resetAt)
        {
            _remaining = null; // the engine's window has turned: unknown until the next answer says
        }

        var wait = _remaining is 0 ? _resetAt - now : TimeSpan.Zero;
        if (options.MaxRequestsPerMinute is { } ceiling)
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

        if (options.MaxRequestsPerMinute is not null)
        {
            _sentThisMinute.Enqueue(now);
        }
    }

    private void Report(TimeSpan wait)
    {
        var limit = options.MaxRequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? _limit?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var window = options.MaxRequestsPerMinute is not null ? "60" : "the engine's window of";
        var message = Diagnostic.Create(DiagnosticCatalog.RequestBudgetWait, null,
            wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), limit, window).ToString();
        options.Log?.Invoke(message);
        options.Progress?.Invoke(message);
    }

    private static int? ReadInt(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
