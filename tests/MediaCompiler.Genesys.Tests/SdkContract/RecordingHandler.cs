using System.Collections.Concurrent;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>One request our client put on the wire: method, address and, for JSON, the body.</summary>
internal sealed record SentRequest(string Method, Uri Url, string? JsonBody);

/// <summary>Passes every request to the network and keeps a copy of what was sent (the client's real requests).</summary>
internal sealed class RecordingHandler(HttpMessageHandler toServer) : DelegatingHandler(toServer)
{
    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var json = request.Content?.Headers.ContentType?.MediaType == "application/json"
            ? await request.Content.ReadAsStringAsync(cancellationToken)
            : null;
        Sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!, json));
        return await base.SendAsync(request, cancellationToken);
    }
}
