using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer the code under test starts (Polly's retry delays
/// and per-attempt timeouts), so a test can move the clock exactly to the moment the code waits for, and see how
/// long that wait was, without any real waiting.
/// </summary>
internal sealed class TimerWatchingClock : TimeProvider
{
    // A whole second, so that HTTP-dates (second resolution) convert to exact delays.
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Only a test that hangs waits this long; it then fails with a message instead of hanging the run.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(Start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
            _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>Waits (in real time, briefly) until the code under test starts a timer that <paramref name="match"/> accepts.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(guard.Token);
            if (match(due))
                return due;
        }
    }

    /// <summary>
    /// Lets <paramref name="operation"/> run to its end, moving the clock over each timer it starts that
    /// <paramref name="fire"/> accepts; returns those timers' due times (the waits the code asked for), in order.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> RunAsync(Task operation, Func<TimeSpan, bool> fire)
    {
        var fired = new List<TimeSpan>();
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            while (_timers.Reader.TryRead(out var due))
            {
                if (!fire(due))
                    continue;
                fired.Add(due);
                Fake.Advance(due);
            }
            if (operation.IsCompleted)
            {
                await operation;
                return fired;
            }
            var timerStarted = _timers.Reader.WaitToReadAsync(guard.Token).AsTask();
            var first = await Task.WhenAny(operation, timerStarted);
            if (first == timerStarted)
                await timerStarted;
            guard.Token.ThrowIfCancellationRequested();
        }
    }
}
