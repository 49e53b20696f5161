using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MediaCompiler.Emulator;

/// <summary>An emulator started by <see cref="EmulatorHost.StartAsync"/>. Dispose it to stop the server and the engine.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Settings = _app.Services.GetRequiredService<EmulatorSettings>();
        Engine = _app.Services.GetRequiredService<MediaEngine>();
        Faults = _app.Services.GetRequiredService<FaultController>();
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c> (with a trailing slash, for HttpClient).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The settings in force.</summary>
    public EmulatorSettings Settings { get; }

    /// <summary>The first configured client: the demo client, holding every scope in the default configuration.</summary>
    public ClientSettings DemoClient => Settings.Clients[0];

    public string ClientId => DemoClient.ClientId;

    public string ClientSecret => DemoClient.ClientSecret;

    public string WebhookSecret => DemoClient.WebhookSecret;

    /// <summary>The first configured flow id (e.g. <c>main-menu-flow</c>); <see cref="FlowIds"/> lists them all.</summary>
    public string FlowId => Settings.FlowIds[0];

    public IReadOnlyList<string> FlowIds => Settings.FlowIds;

    /// <summary>The <c>POST /oauth/token</c> address.</summary>
    public Uri TokenEndpoint => new(BaseAddress, "oauth/token");

    /// <summary>The engine behind the API (e.g. to await a job with WaitForJobAsync).</summary>
    public MediaEngine Engine { get; }

    /// <summary>The fault switches (the same ones <c>/emulator/faults</c> reads and sets).</summary>
    public FaultController Faults { get; }

    /// <summary>"METHOD /route/template" → requests that reached it (the same as <c>GET /emulator/requests</c>).</summary>
    public IReadOnlyDictionary<string, int> RequestCounts => _app.Services.GetRequiredService<RequestCounter>().Snapshot();

    /// <summary>Completes when every webhook delivery under way has ended (sent, given up or stopped).</summary>
    public Task WhenWebhooksIdleAsync() => _app.Services.GetRequiredService<Webhooks.WebhookDispatcher>().WhenIdleAsync();

    /// <summary>
    /// What <c>POST /emulator/reset</c> does: engine emptied, counts and rate-limit windows cleared, faults back to
    /// the configured ones; issued tokens kept unless <paramref name="clearTokens"/>.
    /// </summary>

    public void Reset(bool clearTokens = false) => _app.Services.GetRequiredService<EmulatorReset>().Reset(clearTokens);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
