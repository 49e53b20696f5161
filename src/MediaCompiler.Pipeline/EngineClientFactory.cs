using MediaCompiler.Client;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Opens the engine a build talks to: the remote API over HTTP, or an engine inside the build process. The pipeline
/// does not reference the engine: the caller (the MSBuild task, the composition root) passes how to start an
/// in-process one (<c>InProcessMediaEngineClient.StartNew</c> from MediaCompiler.Engine.InProcess).
/// </summary>
public static class EngineClientFactory
{
    public static IMediaEngineClient Create(EngineConnection engine, IPipelineLog log, Func<IMediaEngineClient> startInProcessEngine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(startInProcessEngine);
        if (engine.Url is null)
        {
            // No server, no network: the same engine code the emulator hosts, in memory for this one build.
            return startInProcessEngine();
        }
        return new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = engine.Url,
            ClientId = engine.ClientId!,
            ClientSecret = engine.ClientSecret!,
            Log = line => log.Info(line),
            Progress = log.Progress,
        });
    }
}
