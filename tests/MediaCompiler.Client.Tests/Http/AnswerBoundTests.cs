using System.Net;
using MediaCompiler.Client.Tests.Fakes;
using MediaCompiler.Contract;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Client.Tests.Http;

/// <summary>
/// Every answer is read within a bound, whatever its Content-Length claims or omits (HttpClient's own buffer would
/// take 2 GB): a JSON answer past it is IVR4007, a compiled prompt past it IVR4011, both without another attempt; an
/// output archive past its bound is fetched output by output instead. A body that breaks off is retried.
/// </summary>
public sealed class AnswerBoundTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-bound-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <param name="claimed">True: a Content-Length of 10 GB over a small body; false: no length, a body that never ends.</param>
    private static HttpResponseMessage Huge(bool claimed)
    {
        var content = claimed ? (HttpContent)new ByteArrayContent(new byte[1024]) : new StreamContent(new EndlessStream());
        content.Headers.ContentLength = claimed ? 10L * 1024 * 1024 * 1024 : null;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_JSON_answer_past_the_bound_is_IVR4007_and_not_asked_again(bool claimed)
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(Huge(claimed));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.GetCompilationAsync("job-1", CancellationToken.None));

        Assert.Equal("IVR4007", ex.Code);
        Assert.Contains("/api/v2/media/compile/job-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 33554432", ex.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Handler.ApiRequests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_compiled_prompt_past_the_bound_is_IVR4011_and_no_file_is_written(bool claimed)
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(Huge(claimed));
        var destination = Path.Combine(_folder, "welcome.wav");

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.DownloadAsync("/api/v2/media/compile/job-1/output/welcome", destination, CancellationToken.None));

        Assert.Equal("IVR4011", ex.Code);
        Assert.Contains("more than the 67108864", ex.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Handler.ApiRequests);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task An_archive_past_its_bound_is_fetched_output_by_output()
    {
        using var fixture = new ClientFixture(maxArchiveBytes: 64); // less than any archive's own headers
        var welcome = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var menu = Enumerable.Range(0, 1000).Select(i => (byte)(i * 13)).ToArray();
        fixture.Handler.Api = (request, _) => Task.FromResult(request.Method == HttpMethod.Post
            ? OutputArchiveTests.Archive(("welcome.wav", welcome), ("menu.wav", menu))
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(request.Uri.AbsolutePath.EndsWith("/welcome", StringComparison.Ordinal) ? welcome : menu) });
        OutputDownload[] outputs =
        [
            new("welcome", "/api/v2/media/compile/job-1/output/welcome", Path.Combine(_folder, "welcome.wav")),
            new("menu", "/api/v2/media/compile/job-1/output/menu", Path.Combine(_folder, "menu.wav")),
        ];

        await fixture.Client.DownloadOutputsAsync("job-1", outputs, CancellationToken.None);

        Assert.Equal(welcome, File.ReadAllBytes(Path.Combine(_folder, "welcome.wav")));
        Assert.Equal(menu, File.ReadAllBytes(Path.Combine(_folder, "menu.wav")));
        Assert.Equal(["POST", "GET", "GET"], fixture.Handler.ApiRequests.Select(r => r.Method.Method).Order(StringComparer.Ordinal).Reverse());
        Assert.Contains(fixture.LogLines, line => line.Contains("more than the 64 this answer can be; downloading the 2 outputs one by one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_breaks_off_is_read_again()
    {
        using var fixture = new ClientFixture();
        var status = new CompileJobStatus("job-1", "flow-1", "corr-1", CompileJobStates.Running, TimerWatchingClock.Start, null, null, []);
        var answers = 0;
        fixture.Handler.Api = (_, _) => Task.FromResult(Interlocked.Increment(ref answers) == 1
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreaksOff()) }
            : ScriptedHandler.Json(HttpStatusCode.OK, status));

        var call = fixture.Client.GetCompilationAsync("job-1", CancellationToken.None);
        await fixture.RunAsync(call);

        Assert.Equal(CompileJobStates.Running, (await call).Status);
        Assert.Equal(2, fixture.Handler.ApiRequests.Count());
    }

    /// <summary>A few bytes of JSON, then the connection drops.</summary>
    private sealed class BreaksOff : ForwardOnlyStream
    {
        private bool _sent;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent)
            {
                throw new IOException("Connection reset by peer");
            }

            _sent = true;
            buffer[offset] = (byte)'{';
            return 1;
        }
    }
}
