using System.Net;

namespace MediaCompiler.Http.Tests;

/// <summary>
/// The one reader of every answer's body: refused past its bound on the Content-Length it claims or, without one, on
/// the bytes it holds; exactly the bound is accepted; an answer that has no body by definition (HEAD, 204, 304) is
/// never read, whatever Content-Length says.
/// </summary>
public sealed class BoundedBodyTests
{
    private const long Bound = 1000;

    private static async Task<HttpResponseMessage> SendAsync(HttpResponseMessage answer, HttpMethod? method = null)
    {
        using var http = new HttpClient(new Answering(answer));
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, "http://127.0.0.1/api");
        return await BoundedBody.SendAsync(http, request, Bound, CancellationToken.None);
    }

    /// <param name="claimed">True: the body's length is sent as Content-Length; false: it is not (chunked).</param>
    private static HttpResponseMessage Body(int length, bool claimed)
    {
        var content = new StreamContent(new MemoryStream(new byte[length]));
        content.Headers.ContentLength = claimed ? length : null;
        content.Headers.ContentType = new("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_the_bound_is_read_whole_with_its_content_headers(bool claimed)
    {
        using var answer = await SendAsync(Body((int)Bound, claimed));

        Assert.Equal(Bound, (await answer.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(true, 1001L)]
    [InlineData(false, null)]
    public async Task A_body_one_byte_past_the_bound_is_refused_saying_what_it_claimed(bool claimed, long? expectedClaim)
    {
        var ex = await Assert.ThrowsAsync<AnswerTooLargeException>(() => SendAsync(Body((int)Bound + 1, claimed)));

        Assert.Equal(200, ex.Status);
        Assert.Equal(expectedClaim, ex.Claimed);
        Assert.Equal(Bound, ex.MaxBytes);
    }

    [Fact]
    public async Task A_claim_past_the_bound_is_refused_before_the_body_is_read()
    {
        var content = new StreamContent(new Unreadable());
        content.Headers.ContentLength = 10L * 1024 * 1024 * 1024;

        var ex = await Assert.ThrowsAsync<AnswerTooLargeException>(() => SendAsync(new HttpResponseMessage(HttpStatusCode.OK) { Content = content }));

        Assert.Equal(10L * 1024 * 1024 * 1024, ex.Claimed);
    }

    [Theory]
    [InlineData("HEAD", HttpStatusCode.OK)]
    [InlineData("GET", HttpStatusCode.NoContent)]
    [InlineData("GET", HttpStatusCode.NotModified)]
    public async Task An_answer_without_a_body_is_not_read_whatever_its_Content_Length(string method, HttpStatusCode status)
    {
        var content = new StreamContent(new Unreadable());
        content.Headers.ContentLength = 5000;

        using var answer = await SendAsync(new HttpResponseMessage(status) { Content = content }, new HttpMethod(method));

        Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
    }

    private sealed class Answering(HttpResponseMessage answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            answer.RequestMessage = request;
            return Task.FromResult(answer);
        }
    }

    /// <summary>A body that must never be read: reading it fails the test.</summary>
    private sealed class Unreadable : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the body was read");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the body was read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the body was read");
    }
}
