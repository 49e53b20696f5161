using MediaCompiler.Client;
using MediaCompiler.Engine;

namespace MediaCompiler.Pipeline;

/// <summary>Opens the engine a build talks to: the remote API over HTTP, or a fresh engine inside the build process.</summary>
public static class EngineClientFactory
{
    public static IMediaEngineClient Create(EngineConnection engine, IPipelineLog log)
    {
        if (engine.Url is null)
        {
            // No server, no network: the same engine code the emulator hosts, in memory for this one build.
            return new InProcessMediaEngineClient(new MediaEngine(), ownsEngine: true);
        }
        return new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = engine.Url,
            ClientId = engine.ClientId!,
            ClientSecret = engine.ClientSecret!,
            Log = line => log.Info(line),
        });
    }
}
