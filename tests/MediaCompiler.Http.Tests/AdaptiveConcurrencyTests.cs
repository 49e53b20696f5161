using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Http.Tests;

/// <summary>
/// The upload limit follows the server: it grows while answers stay fast, halves once per round trip when they slow
/// down or fail, stays within 1..ceiling, and hands slots out in order. All on a fake clock.
/// </summary>
public sealed class AdaptiveConcurrencyTests
{
    private readonly FakeTimeProvider _time = new();

    /// <summary>Runs <paramref name="count"/> requests of <paramref name="latency"/> each, one round of leases at a time.</summary>
    private async Task Round(AdaptiveConcurrency limit, int count, TimeSpan latency, bool answered = true)
    {
        var leases = new List<AdaptiveConcurrency.Lease>();
        for (var i = 0; i < count; i++)
        {
            leases.Add(await limit.AcquireAsync(CancellationToken.None));
        }
        _time.Advance(latency);
        foreach (var lease in leases)
        {
            if (answered)
            {
                lease.Answered();
            }
            lease.Dispose();
        }
    }

    [Fact]
    public async Task Fast_answers_double_the_limit_each_round_trip_up_to_the_ceiling()
    {
        var limit = new AdaptiveConcurrency(initial: 4, ceiling: 24, _time);
        var seen = new List<int>();
        for (var round = 0; round < 5; round++)
        {
            await Round(limit, limit.Limit, TimeSpan.FromMilliseconds(20));
            seen.Add(limit.Limit);
        }

        Assert.Equal([8, 16, 24, 24, 24], seen);
        Assert.Equal(24, limit.HighestLimit);
    }

    [Fact]
    public async Task A_slow_round_halves_the_limit_once_then_growth_is_one_per_round_trip()
    {
        var limit = new AdaptiveConcurrency(initial: 8, ceiling: 64, _time);
        await Round(limit, 8, TimeSpan.FromMilliseconds(20)); // fastest 20 ms; slow start: 16

        await Round(limit, 16, TimeSpan.FromMilliseconds(500)); // queueing (or a Retry-After waited out in the call)
        var afterSlow = limit.Limit;
        await Round(limit, afterSlow, TimeSpan.FromMilliseconds(20));
        var afterOneFast = limit.Limit;
        await Round(limit, afterOneFast, TimeSpan.FromMilliseconds(20));

        Assert.Equal(8, afterSlow);          // 16 slow answers in one round trip: one halving, not sixteen
        Assert.Equal(9, afterOneFast);       // congestion avoidance: +1 per round trip
        Assert.Equal(10, limit.Limit);
    }

    [Fact]
    public async Task A_few_slow_answers_among_fast_ones_are_no_sign_of_load_but_a_run_of_them_is()
    {
        var limit = new AdaptiveConcurrency(initial: 8, ceiling: 64, _time);
        await Round(limit, 8, TimeSpan.FromMilliseconds(20)); // fastest 20 ms, slow threshold 50 ms; slow start: 16

        // 16 in flight: 12 answer in 20 ms, 4 (requests that opened new connections, say) in 80 ms.
        var leases = new List<AdaptiveConcurrency.Lease>();
        for (var i = 0; i < 16; i++)
        {
            leases.Add(await limit.AcquireAsync(CancellationToken.None));
        }
        _time.Advance(TimeSpan.FromMilliseconds(20));
        foreach (var lease in leases.Take(12))
        {
            lease.Answered();
            lease.Dispose();
        }
        _time.Advance(TimeSpan.FromMilliseconds(60));
        foreach (var lease in leases.Skip(12))
        {
            lease.Answered();
            lease.Dispose();
        }
        var afterOutliers = limit.Limit;

        // Then the server queues: every answer takes 60 ms, and the smoothed latency crosses 50 ms within the round.
        await Round(limit, afterOutliers, TimeSpan.FromMilliseconds(60));

        Assert.Equal(28, afterOutliers);    // 12 fast answers grew it; the 4 slow ones neither grew nor halved it
        Assert.Equal(14, limit.Limit);      // a run of slow answers: halved, once
    }

    [Fact]
    public async Task Failures_slow_down_and_the_limit_never_drops_below_one()
    {
        var limit = new AdaptiveConcurrency(initial: 4, ceiling: 16, _time);
        for (var round = 0; round < 6; round++)
        {
            await Round(limit, limit.Limit, TimeSpan.FromSeconds(1), answered: false);
        }

        Assert.Equal(1, limit.Limit);
    }

    [Fact]
    public async Task A_refusal_is_an_answer_not_a_sign_of_load()
    {
        var limit = new AdaptiveConcurrency(initial: 4, ceiling: 16, _time);

        await Round(limit, 4, TimeSpan.FromMilliseconds(20)); // e.g. four 400s for bad files: answered fast

        Assert.Equal(8, limit.Limit);
    }

    [Fact]
    public async Task Requests_beyond_the_limit_wait_for_a_slot_and_get_it_in_order()
    {
        var limit = new AdaptiveConcurrency(initial: 2, ceiling: 2, _time);
        var first = await limit.AcquireAsync(CancellationToken.None);
        var second = await limit.AcquireAsync(CancellationToken.None);
        var third = limit.AcquireAsync(CancellationToken.None);
        var fourth = limit.AcquireAsync(CancellationToken.None);

        Assert.False(third.IsCompleted);
        first.Answered();
        first.Dispose();
        var thirdLease = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(fourth.IsCompleted);
        second.Answered();
        second.Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        thirdLease.Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_turn_without_taking_a_slot()
    {
        var limit = new AdaptiveConcurrency(initial: 1, ceiling: 1, _time);
        var held = await limit.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = limit.AcquireAsync(cancel.Token);
        var next = limit.AcquireAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Answered();
        held.Dispose();

        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
