using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// The one clock of an emulator test. The emulator measures its windows against it (read-after-write 404s, listing
/// lag, transcode delay, rate-limit windows, token lifetimes, the expiry of pre-signed URLs) and the client waits on it
/// (backoff and Retry-After, transcode polling, the request budget, attempt timeouts, the build's deadlines). It moves
/// only when the client has nothing left to do but wait, and then straight to the next due timer, so a lag keyed on
/// "time since the write" is exact and no test sleeps for real.
/// </summary>
/// <remarks>
/// <para>
/// The rule, checked by a driver loop: the clock steps to the earliest armed timer when
/// (1) no request to the emulator is in flight (counted by <see cref="Track"/>, the innermost handler, so an answer a
/// test scripts in front of it is not a request in flight),
/// (2) someone waits on time: an armed delay (Task.Delay, Polly's retry wait, the budget) or a declared
/// <see cref="WaitForeverAsync"/>; timers that only guard a deadline (every CancellationTokenSource armed on this clock:
/// attempt timeouts, IvrSyncTimeout, the compile deadline) never make it move, they only fire when reached, and
/// (3) nothing changed for a short quiet spell of real time (no request started or ended, no timer armed, fired,
/// changed or disposed) and the thread pool has no queued work, so a continuation still on its way (a response being
/// read, a worker about to send its next request) is not overtaken by another worker's wait.
/// </para>
/// <para>
/// Why not one clock that steps whenever anything waits (tried and reverted): every request arms an attempt timeout on
/// the clock, so stepping while a request was in flight timed requests out or jumped emulator windows mid-exchange, and
/// stepping in small slices with real pauses between made the run minutes long. Rules (1) and (2) remove the first, and
/// stepping straight to the next due timer the second. The quiet spell is the only real time involved: it decides when
/// to step, never how far, so the emulator's windows do not depend on the machine's load.
/// </para>
/// </remarks>
internal sealed class EmulatorClock : FakeTimeProvider, IAsyncDisposable
{
    /// <summary>How long nothing may change before the driver steps (real time; detection only).</summary>
    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(4);

    private readonly object _gate = new();
    private readonly HashSet<TrackedTimer> _armed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _driver;
    private long _changes;
    private int _inFlight;
    private int _waitingForever;

    /// <param name="drive">False leaves the clock to the test (the rule's own tests call <see cref="NextStep"/>).</param>
    public EmulatorClock(bool drive = true)
        : base(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
        _driver = drive ? Task.Run(DriveAsync) : Task.CompletedTask;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // A CancellationTokenSource armed on this clock passes itself as the state: a deadline, not a wait.
        var timer = new TrackedTimer(this, guardsDeadline: state is CancellationTokenSource);
        timer.Arm(dueTime, period);
        timer.Inner = base.CreateTimer(s => timer.Fire(callback, s), state, dueTime, period);
        return timer;
    }

    /// <summary>Wraps the handler that reaches the emulator, counting its requests in flight.</summary>
    public HttpMessageHandler Track(HttpMessageHandler toEmulator) => new InFlightHandler(this, toEmulator);

    /// <summary>A wait that never ends by itself (a server that never answers): it lets the clock move to deadlines.</summary>
    public async Task WaitForeverAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingForever);
        Changed();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, this, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForever);
            Changed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _driver;
        _stop.Dispose();
    }

    private void Changed() => Interlocked.Increment(ref _changes);

    private async Task DriveAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var seen = Interlocked.Read(ref _changes);
            try
            {
                await Task.Delay(QuietSpell, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (seen == Interlocked.Read(ref _changes) && ThreadPool.PendingWorkItemCount == 0 && NextStep() is { } step)
            {
                Advance(step);
            }
        }
    }

    /// <summary>How far to move now (rules 1 and 2), or null when the clock must stay.</summary>
    internal TimeSpan? NextStep()
    {
        // Read before taking the gate: the gate is never held while the base clock's own lock is taken.
        var now = GetUtcNow();
        lock (_gate)
        {
            if (Volatile.Read(ref _inFlight) > 0
                || (Volatile.Read(ref _waitingForever) == 0 && !_armed.Any(timer => !timer.GuardsDeadline))
                || _armed.Count == 0)
            {
                return null;
            }

            var due = _armed.Min(timer => timer.Due);
            return due > now ? due - now : TimeSpan.Zero;
        }
    }

    /// <summary>A timer of the base clock whose next due time this clock knows.</summary>
    private sealed class TrackedTimer(EmulatorClock clock, bool guardsDeadline) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool GuardsDeadline { get; } = guardsDeadline;

        public DateTimeOffset Due { get; private set; }

        public ITimer? Inner { get; set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            var now = clock.GetUtcNow();
            lock (clock._gate)
            {
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    clock._armed.Remove(this);
                }
                else
                {
                    Due = now + dueTime;
                    clock._armed.Add(this);
                }
            }

            clock.Changed();
        }

        public void Fire(TimerCallback callback, object? state)
        {
            Arm(_period, _period);
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            Arm(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class InFlightHandler(EmulatorClock clock, HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref clock._inFlight);
            clock.Changed();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref clock._inFlight);
                clock.Changed();
            }
        }
    }
}
