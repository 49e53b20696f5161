using System.Net;
using Polly;
using Polly.Timeout;

namespace MediaCompiler.Http.Tests;

/// <summary>The one table of answers worth another attempt, for both remotes.</summary>
public sealed class TransientResponsesTests
{
    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(413, false)]
    [InlineData(501, false)]
    public void Statuses(int status, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        Assert.Equal(transient, TransientResponses.IsTransient(Outcome.FromResult(response)));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("POST", false)]
    [InlineData("PUT", false)]
    [InlineData("DELETE", false)]
    public void A_409_is_transient_on_reads_only(string method, bool transient)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.example/x");
        using var response = new HttpResponseMessage(HttpStatusCode.Conflict) { RequestMessage = request };
        Assert.Equal(transient, TransientResponses.IsTransient(Outcome.FromResult(response)));
    }

    [Fact]
    public void Timeouts_and_dropped_connections_are_transient_and_other_exceptions_are_not()
    {
        Assert.True(TransientResponses.IsTransient(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.True(TransientResponses.IsTransient(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset"))));
        Assert.True(TransientResponses.IsTransient(Outcome.FromException<HttpResponseMessage>(new IOException("broken pipe"))));
        Assert.False(TransientResponses.IsTransient(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
    }
}
