namespace MediaCompiler.Http;

/// <summary>
/// How many heavy requests (uploads) are in flight at once, learnt from the server's answers instead of fixed: the
/// limit starts at <c>initial</c> and grows while answers come back about as fast as the fastest seen (the server is
/// not queueing them), and halves as soon as they come back much slower (it is queueing, or a 429's Retry-After was
/// waited out inside the call, or the request budget held it back) or one fails. As in TCP congestion control: slow
/// start (+1 per fast answer, i.e. doubling per round trip) until the first slowdown, then +1 per round trip; at most
/// one halving per round trip, so one burst of slow answers counts once. An answer is slow when it and the smoothed
/// latency (TCP's SRTT, RFC 6298: each answer moves it an eighth of the way) are both slow: the first request on a new
/// connection pays its handshake (TCP, TLS) and, in a fresh process, the JIT, and a few such answers are no sign of
/// load, while a server that queues slows every answer (and one answer held seconds by a Retry-After moves the
/// smoothed latency past the threshold on its own). Never above <c>ceiling</c>, never below 1. Thread-safe; time
/// from the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class AdaptiveConcurrency
{
    /// <summary>A smoothed latency above this many times the fastest answer seen (plus <see cref="LatencySlack"/>) means queueing.</summary>
    public const double SlowFactor = 2.0;

    /// <summary>How far one answer moves the smoothed latency: RFC 6298's alpha.</summary>
    public const double SmoothingWeight = 1.0 / 8;

    /// <summary>Absolute slack on the comparison: on loopback the fastest answer is a millisecond or two, and
    /// scheduling noise alone would double it.</summary>
    public static readonly TimeSpan LatencySlack = TimeSpan.FromMilliseconds(10);

    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private readonly TimeProvider _time;
    private readonly int _ceiling;
    private int _limit;
    private int _fastSinceGrowth;
    private int _inFlight;
    private bool _slowStart = true;
    private TimeSpan? _fastest;
    private TimeSpan _smoothed;
    private long _lastDecrease;

    public AdaptiveConcurrency(int initial, int ceiling, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ceiling, 1);
        ArgumentNullException.ThrowIfNull(time);
        _ceiling = ceiling;
        _limit = Math.Clamp(initial, 1, ceiling);
        HighestLimit = _limit;
        _time = time;
        _lastDecrease = time.GetTimestamp();
    }

    /// <summary>The current limit (whole requests).</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>The highest limit reached so far: what the run's summary reports.</summary>
    public int HighestLimit { get; private set; }

    /// <summary>Waits for a free slot. Dispose the lease, after <see cref="Lease.Answered"/> when the server answered.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? turn = null;
        lock (_gate)
        {
            if (_inFlight < _limit && _waiting.Count == 0)
            {
                _inFlight++;
            }
            else
            {
                turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Enqueue(turn);
            }
        }
        if (turn is not null)
        {
            try
            {
                await turn.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    // Granted meanwhile: hand the slot on; still queued: the grant loop skips cancelled turns.
                    if (!turn.TrySetCanceled(cancellationToken))
                    {
                        _inFlight--;
                        GrantWaiting();
                    }
                }
                throw;
            }
        }
        return new Lease(this, _time.GetTimestamp());
    }

    private void Complete(long startedAt, bool answered)
    {
        var latency = _time.GetElapsedTime(startedAt);
        lock (_gate)
        {
            _inFlight--;
            if (answered)
            {
                _smoothed = _fastest is null ? latency : _smoothed + (latency - _smoothed) * SmoothingWeight;
                if (_fastest is null || latency < _fastest)
                {
                    _fastest = latency;
                }
            }
            // Neither fast nor slow: a slow answer while the smoothed latency is not (a handshake, a JIT pause).
            var slowest = answered ? _fastest!.Value * SlowFactor + LatencySlack : TimeSpan.Zero;
            var fast = answered && latency <= slowest;
            var slow = !answered || _smoothed > slowest;
            if (fast)
            {
                // Slow start: every fast answer adds one. After it: one per limit's worth of fast answers (a round trip).
                if (_slowStart || ++_fastSinceGrowth >= _limit)
                {
                    _limit = Math.Min(_ceiling, _limit + 1);
                    _fastSinceGrowth = 0;
                }
            }
            else if (slow && _time.GetElapsedTime(_lastDecrease) >= latency)
            {
                // Only the first slow answer of a round trip halves: the others were sent before the halving.
                _limit = Math.Max(1, _limit / 2);
                _fastSinceGrowth = 0;
                _slowStart = false;
                _lastDecrease = _time.GetTimestamp();
            }
            HighestLimit = Math.Max(HighestLimit, _limit);
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_inFlight < _limit && _waiting.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                _inFlight++;
            }
        }
    }

    /// <summary>One request's slot; its lifetime is the request's latency.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly AdaptiveConcurrency _owner;
        private readonly long _startedAt;
        private bool _answered;
        private bool _disposed;

        internal Lease(AdaptiveConcurrency owner, long startedAt)
        {
            _owner = owner;
            _startedAt = startedAt;
        }

        /// <summary>
        /// The server answered (a refusal of the request's content included: that is no sign of load). Without it,
        /// disposing counts the request as failed (timed out, connection lost, retries spent): a reason to slow down.
        /// </summary>
        public void Answered() => _answered = true;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _owner.Complete(_startedAt, _answered);
            }
        }
    }
}
