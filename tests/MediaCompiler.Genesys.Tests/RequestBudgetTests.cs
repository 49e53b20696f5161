using MediaCompiler.Genesys.Http;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Genesys.Tests;

public sealed class RequestBudgetTests
{
    [Fact]
    public async Task The_request_past_the_budget_waits_until_the_oldest_leaves_the_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var budget = new RequestBudget(3, time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync("t", CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var fourth = budget.AcquireAsync("t", CancellationToken.None);
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), await fourth.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_new_token_starts_a_new_window()
    {
        var time = new FakeTimeProvider();
        var budget = new RequestBudget(1, time);
        await budget.AcquireAsync("first", CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync("second", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
