using System.Net;
using MediaCompiler.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Emulator.Tests;

public sealed class RateLimitTests
{
    private static readonly string Query = "api/v2/media/assets?contentHash=sha256:" + new string('b', 64);

    [Fact]
    public async Task Over_the_budget_a_client_gets_429_with_retry_after_until_the_window_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.TimeProvider = clock;
            s.RateLimit.WindowSeconds = 10;
            s.Clients[0].RequestsPerWindow = 3;
        });
        using var api = await new ApiSession(emulator).LogInAsync();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await api.Http.GetAsync(Query);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(2.5));
        using (var limited = await api.Http.GetAsync(Query))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("too.many.requests", (await ApiSession.ReadErrorAsync(limited)).Code);
            Assert.Equal(TimeSpan.FromSeconds(8), limited.Headers.RetryAfter?.Delta);
        }

        clock.Advance(TimeSpan.FromSeconds(7.5));
        using var afterWindow = await api.Http.GetAsync(Query);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Each_client_has_its_own_budget()
    {
        var other = Emulators.ReadOnlyClient();
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.RateLimit.RequestsPerWindow = 1;
            s.RateLimit.WindowSeconds = 3600;
            s.Clients.Add(other);
        });
        using var first = await new ApiSession(emulator).LogInAsync();
        using var second = await new ApiSession(emulator).LogInAsync(other.ClientId, other.ClientSecret);

        using var firstAllowed = await first.Http.GetAsync(Query);
        using var firstLimited = await first.Http.GetAsync(Query);
        using var secondAllowed = await second.Http.GetAsync(Query);

        Assert.Equal(HttpStatusCode.OK, firstAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, firstLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondAllowed.StatusCode);
    }
}
