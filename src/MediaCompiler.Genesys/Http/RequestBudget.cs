namespace MediaCompiler.Genesys.Http;

/// <summary>
/// A sliding one-minute window of requests per token, so the build stays under the platform's per-token limit
/// instead of tripping it and living on 429s. A new token starts a new window (the platform counts per token).
/// Thread-safe.
/// </summary>
internal sealed class RequestBudget(int requestsPerMinute, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    /// <summary>Waits until one more request fits the window, then counts it. Returns the time waited.</summary>
    public async Task<TimeSpan> AcquireAsync(string forToken, CancellationToken cancellationToken)
    {
        if (requestsPerMinute <= 0)
        {
            return TimeSpan.Zero;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.Equals(_token, forToken, StringComparison.Ordinal))
            {
                _token = forToken;
                _sent.Clear();
            }

            var waited = TimeSpan.Zero;
            var now = time.GetUtcNow();
            while (_sent.Count > 0 && _sent.Peek() + Window <= now)
            {
                _sent.Dequeue();
            }

            if (_sent.Count >= requestsPerMinute)
            {
                waited = _sent.Peek() + Window - now;
                await Task.Delay(waited, time, cancellationToken).ConfigureAwait(false);
                _sent.Dequeue();
                now = time.GetUtcNow();
            }

            _sent.Enqueue(now);
            return waited;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
