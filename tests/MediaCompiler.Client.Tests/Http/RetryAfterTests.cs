using MediaCompiler.Contract;
using MediaCompiler.Http;
using System.Net.Http.Headers;

namespace MediaCompiler.Client.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_the_delay() =>
        Assert.Equal(TimeSpan.FromSeconds(42), RetryAfter.Read(new RetryConditionHeaderValue(TimeSpan.FromSeconds(42)), Now));

    [Fact]
    public void Date_is_the_time_left_until_it() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Read(new RetryConditionHeaderValue(Now.AddSeconds(90)), Now));

    [Fact]
    public void Date_in_the_past_means_now() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Read(new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now));

    [Fact]
    public void Missing_header_is_null() => Assert.Null(RetryAfter.Read(new HttpResponseMessage(), Now));

    [Theory]
    [InlineData("120", 120)]
    [InlineData("Sun, 01 Mar 2026 12:00:30 GMT", 30)]
    public void Header_text_is_parsed(string header, int seconds)
    {
        var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Read(response, Now));
    }

    [Fact]
    public void Unparseable_header_is_null()
    {
        var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "soon");

        Assert.Null(RetryAfter.Read(response, Now));
    }
}
