using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Http.Tests;

/// <summary>The one request budget of both remotes, on a fake clock: its own ceiling per token, and the server's window.</summary>
public sealed class RequestBudgetTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_request_past_the_ceiling_waits_until_the_oldest_leaves_the_minute_and_says_so()
    {
        var time = Clock();
        var waits = new List<BudgetWait>();
        var budget = new RequestBudget(3, time, waits.Add);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.TakeAsync("t", CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var fourth = budget.TakeAsync("t", CancellationToken.None);
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), await fourth.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([new BudgetWait(TimeSpan.FromSeconds(30), 3, OwnCeiling: true)], waits);
    }

    [Fact]
    public async Task A_new_token_starts_a_new_window()
    {
        var time = Clock();
        var budget = new RequestBudget(1, time);
        await budget.TakeAsync("first", CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, await budget.TakeAsync("second", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task With_nothing_left_in_the_servers_window_a_request_waits_for_its_reset()
    {
        var time = Clock();
        var waits = new List<BudgetWait>();
        var budget = new RequestBudget(null, time, waits.Add);
        budget.Learn(remaining: 1, resetSeconds: 20, limit: 100);

        Assert.Equal(TimeSpan.Zero, await budget.TakeAsync(null, CancellationToken.None));
        var next = budget.TakeAsync(null, CancellationToken.None);
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(20), await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([new BudgetWait(TimeSpan.FromSeconds(20), 100, OwnCeiling: false)], waits);
    }

    [Fact]
    public async Task Without_a_ceiling_or_headers_nothing_waits()
    {
        var budget = new RequestBudget(null, Clock());
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.TakeAsync(null, CancellationToken.None));
        }
    }
}
