namespace MediaCompiler.Genesys.Http;

/// <summary>
/// A sliding one-minute window of requests per token, so the build stays under the platform's per-token limit
/// instead of tripping it and living on 429s. A new token starts a new window (the platform counts per token).
/// Thread-safe.
/// </summary>
internal sealed class RequestBudget(int requestsPerMinute, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> sent = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;

    /// <summary>Waits until one more request fits the window, then counts it. Returns the time waited.</summary>
    public async Task<TimeSpan> AcquireAsync(string forToken, CancellationToken cancellationToken)
    {
        if (requestsPerMinute <= 0)
        {
            return TimeSpan.Zero;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.Equals(token, forToken, StringComparison.Ordinal))
            {
                token = forToken;
                sent.Clear();
            }

            var waited = TimeSpan.Zero;
            var now = time.GetUtcNow();
            while (sent.Count > 0 && sent.Peek() + Window <= now)
            {
                sent.Dequeue();
            }

            if (sent.Count >= requestsPerMinute)
            {
                waited = sent.Peek() + Window - now;
                await Task.Delay(waited, time, cancellationToken).ConfigureAwait(false);
                sent.Dequeue();
                now = time.GetUtcNow();
            }

            sent.Enqueue(now);
            return waited;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
