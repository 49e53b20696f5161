using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace MediaCompiler.Http.Tests;

/// <summary>The one token provider of both remotes, on a fake clock: cached, renewed early, forgotten when rejected.</summary>
public sealed class OAuthTokenProviderTests
{
    [Fact]
    public async Task A_token_is_fetched_once_and_renewed_a_tenth_of_its_lifetime_early()
    {
        var time = new FakeTimeProvider();
        var fetched = 0;
        using var provider = new OAuthTokenProvider(_ => Task.FromResult(new TokenGrant($"token-{++fetched}", TimeSpan.FromSeconds(300))), time);

        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(269));
        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1)); // 270 s = 300 s less 10%
        Assert.Equal("token-2", await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, fetched);
    }

    [Fact]
    public async Task A_long_lived_token_is_renewed_at_most_a_minute_early()
    {
        var time = new FakeTimeProvider();
        var fetched = 0;
        using var provider = new OAuthTokenProvider(_ => Task.FromResult(new TokenGrant($"token-{++fetched}", TimeSpan.FromHours(1))), time);

        await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3539));
        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await provider.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_rejected_token_is_forgotten_but_a_newer_one_is_kept()
    {
        var fetched = 0;
        using var provider = new OAuthTokenProvider(_ => Task.FromResult(new TokenGrant($"token-{++fetched}", TimeSpan.FromHours(1))), new FakeTimeProvider());

        var first = await provider.GetTokenAsync(CancellationToken.None);
        provider.Invalidate(first);
        var second = await provider.GetTokenAsync(CancellationToken.None);
        provider.Invalidate(first); // a late rejection of the old token must not drop the new one
        Assert.Equal(second, await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal("token-2", second);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch()
    {
        var fetched = 0;
        var release = new TaskCompletionSource();
        using var provider = new OAuthTokenProvider(async _ =>
        {
            Interlocked.Increment(ref fetched);
            await release.Task;
            return new TokenGrant("shared", TimeSpan.FromHours(1));
        }, new FakeTimeProvider());

        var callers = Enumerable.Range(0, 8).Select(_ => provider.GetTokenAsync(CancellationToken.None)).ToArray();
        release.SetResult();
        Assert.All(await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10)), token => Assert.Equal("shared", token));
        Assert.Equal(1, fetched);
    }

    [Fact]
    public void Basic_credentials_are_utf8_as_the_sdks_send_them()
    {
        var header = ClientCredentials.BasicHeader("clïent", "sécret€");

        Assert.Equal("Basic", header.Scheme);
        Assert.Equal("clïent:sécret€", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }
}
