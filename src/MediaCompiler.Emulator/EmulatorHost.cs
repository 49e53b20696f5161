using System.Net;
using MediaCompiler.Emulator.Architect;
using MediaCompiler.Emulator.Auth;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Endpoints;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Emulator.RateLimiting;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Emulator.Webhooks;
using MediaCompiler.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace MediaCompiler.Emulator;

/// <summary>
/// Starts the media API emulator: the <see cref="MediaEngine"/> behind HTTP, with OAuth, scopes, rate limits,
/// signed webhooks and fault switches. Tests start it in-process with <see cref="StartAsync"/>:
/// <code>
/// await using var emulator = await EmulatorHost.StartAsync();
/// using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
/// // POST /oauth/token with emulator.ClientId / emulator.ClientSecret, then call /api/v2/...
/// </code>
/// </summary>
public static class EmulatorHost
{
    /// <summary>The address <c>dotnet run</c> listens on when no <c>--urls</c> (or ASPNETCORE_URLS) is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Starts an emulator on 127.0.0.1 with a free port chosen by the system.
    /// </summary>
    /// <param name="settings">
    /// The emulator's settings; null reads them from configuration: the embedded demo appsettings.json, then
    /// environment variables and <paramref name="args"/>. Start from <see cref="EmulatorSettings.LoadDefaults"/> to
    /// change a few values. The object must not be changed after the call.
    /// </param>
    /// <param name="args">Command-line style configuration (e.g. <c>--Logging:LogLevel:Default=Information</c>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server and the engine.</returns>
    /// <exception cref="InvalidOperationException">The settings are unusable (the message lists every problem).</exception>
    public static async Task<RunningEmulator> StartAsync(EmulatorSettings? settings = null, string[]? args = null, CancellationToken cancellationToken = default)
    {
        var app = Build(args ?? [], settings, listenOnFreeLoopbackPort: true);
        try
        {
            await app.StartAsync(cancellationToken);
            AfterStart(app);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new RunningEmulator(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs the emulator until Ctrl+C, SIGTERM or <paramref name="stop"/> (the <c>dotnet run</c> entry point),
    /// printing where it listens and the demo credentials, one per line: <c>listening on: ...</c>,
    /// <c>client id: ...</c>, <c>client secret: ...</c>, <c>flow id: ...</c> (one line per flow),
    /// <c>webhook secret: ...</c>. Returns the process exit code: 0 after a clean stop, 1 when the configuration is
    /// unusable or the address cannot be bound.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        WebApplication app;
        try
        {
            app = Build(args, settings: null, listenOnFreeLoopbackPort: false);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"media emulator: {ex.Message}");
            return 1;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(stop);
                AfterStart(app);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                await error.WriteLineAsync($"media emulator: cannot listen: {ex.Message.TrimEnd('.')} (another emulator running?); " +
                    "stop it or choose a free port: --urls http://127.0.0.1:<port>");
                return 1;
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"media emulator: cannot listen: {ex.Message}");
                return 1;
            }

            var settings = app.Services.GetRequiredService<EmulatorSettings>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            await output.WriteLineAsync("Media API emulator (a local test tool: demo values below, never a secret for anything real)");
            foreach (var address in addresses)
            {
                await output.WriteLineAsync($"listening on: {address}");
            }

            var demo = settings.Clients[0];
            await output.WriteLineAsync($"client id: {demo.ClientId}");
            await output.WriteLineAsync($"client secret: {Shown(demo.ClientSecret)}");
            foreach (var flowId in settings.FlowIds)
            {
                await output.WriteLineAsync($"flow id: {flowId}");
            }

            await output.WriteLineAsync($"webhook secret: {Shown(demo.WebhookSecret)}");
            await output.FlushAsync(stop);
            await app.WaitForShutdownAsync(stop);
        }

        return 0;
    }

    /// <summary>The built-in demo values, the only secrets ever printed: a configured one stays where it was configured.</summary>
    internal static readonly HashSet<string> DemoSecrets =
        ["demo-client-secret-not-for-production", "demo-webhook-secret-not-for-production"];

    private static string Shown(string secret) => DemoSecrets.Contains(secret) ? secret : "(configured; not shown)";

    /// <summary>
    /// Once listening: webhooks learn the emulator's own addresses (never a target), then jobs found unfinished in the
    /// data directory run, now that their endings are heard (a resumed job's webhook is delivered).
    /// </summary>
    private static void AfterStart(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        app.Services.GetRequiredService<WebhookDispatcher>().OwnAddresses = addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToArray();
        app.Services.GetRequiredService<MediaEngine>().ResumeUnfinishedJobs();
    }

    private static WebApplication Build(string[] args, EmulatorSettings? settings, bool listenOnFreeLoopbackPort)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });

        // The demo configuration sits under every other source, so appsettings files, environment variables and the
        // command line all override it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = EmulatorSettings.LoadDefaultConfiguration() });

        settings ??= EmulatorSettings.FromConfiguration(builder.Configuration);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The emulator configuration is unusable: " + string.Join(" ", problems));
        }

        if (listenOnFreeLoopbackPort)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // A body over the limit is refused (413) as soon as its Content-Length is seen, before it is buffered.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = settings.MaxRequestBodyBytes);

        // "Request starting ... ?access_token=..." would write a credential to the log: the hosting lines are only
        // written at Warning and above; the route, method and status are in /emulator/requests instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // A start that fails (the port is taken) is answered by RunAsync in one line; the host's own "Hosting failed
        // to start" entry would print the same failure again as a 25-line stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        AddServices(builder.Services, settings);
        var app = builder.Build();
        MapPipeline(app);

        // Created now, not on first request: a bad data directory fails the start, and webhooks are wired up.
        app.Services.GetRequiredService<WebhookDispatcher>();
        ReportDiscardedState(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, EmulatorSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<FaultController>();
        services.AddSingleton<RequestCounter>();
        // The request log's clock; a host that already registered one (a test's fake clock) keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<EmulatorReset>();
        services.AddArchitectSurface();
        services.AddSingleton<JobFaultOverlay>();
        services.AddSingleton<ClientJobQueues>();
        services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<MediaEngine>();
            return new MediaEngine(new MediaEngineOptions
            {
                DataDirectory = string.IsNullOrWhiteSpace(settings.DataDirectory) ? null : Path.GetFullPath(settings.DataDirectory),
                KnownFlowIds = settings.FlowIds.ToArray(),
                FfmpegPath = settings.FfmpegPath,
                MaxConcurrentJobs = settings.MaxConcurrentJobs,
                MaxEntriesPerJob = settings.MaxEntriesPerJob,
                MaxUnfinishedJobs = settings.MaxUnfinishedJobs,
                ResumeOnStart = false,
                // The clock a status request's Prefer: wait is held on: a fake one in tests, like every wait of the emulator.
                TimeProvider = settings.TimeProvider,
                OnIncident = incident => logger.LogError(incident.Exception, "Engine incident: {What}", incident.What),
            });
        });
    }

    /// <summary>State files of the data directory the engine could not trust and set aside (IVR3301).</summary>
    private static void ReportDiscardedState(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmulatorHost).FullName!);
        foreach (var warning in app.Services.GetRequiredService<MediaEngine>().LoadWarnings)
        {
            logger.LogWarning("{Warning}", warning.ToString());
        }
    }

    private static void MapPipeline(WebApplication app)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RequestCountingMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();

        app.MapOAuthEndpoints();
        app.MapAssetEndpoints();
        app.MapCompileEndpoints();
        app.MapAdminEndpoints();
        app.MapArchitectSurface();
        app.MapFallback((HttpContext http) => ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound,
            $"No route {http.Request.Method} {http.Request.Path}."));
    }
}
