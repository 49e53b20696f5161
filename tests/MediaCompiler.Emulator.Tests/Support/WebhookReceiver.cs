using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaCompiler.Emulator.Tests.Support;

/// <summary>One webhook POST as the receiver got it: the exact body bytes and the signature header.</summary>
internal sealed record ReceivedWebhook(byte[] Body, string? Signature, string? ContentType, int AnsweredStatus);

/// <summary>
/// A tiny Kestrel _app on 127.0.0.1 that records every POST to /hook and answers 500 to the first
/// <c>failFirst</c> of them, 200 after that.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<ReceivedWebhook> _all = new();
    private int _count;

    private WebhookReceiver(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var attempt = Interlocked.Increment(ref _count);
            var status = attempt <= failFirst ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            var webhook = new ReceivedWebhook(buffer.ToArray(), http.Request.Headers["X-Media-Signature"].ToString(), http.Request.ContentType, status);
            _all.Enqueue(webhook);
            await _received.Writer.WriteAsync(webhook);
            return Results.StatusCode(status);
        });
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedWebhook> All => _all.ToArray();

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>The next webhook _received (bounded wait: a missing webhook fails the test instead of hanging it).</summary>
    public async Task<ReceivedWebhook> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
