using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.Tests.Support;

internal static class Emulators
{
    /// <summary>Starts an emulator with the demo settings, changed by <paramref name="configure"/>.</summary>
    public static Task<RunningEmulator> StartAsync(Action<EmulatorSettings>? configure = null)
    {
        var settings = EmulatorSettings.LoadDefaults();
        configure?.Invoke(settings);
        return EmulatorHost.StartAsync(settings);
    }

    /// <summary>A second client holding only the read scope.</summary>
    public static ClientSettings ReadOnlyClient() => new()
    {
        ClientId = "read-only-client",
        ClientSecret = "read-only-secret",
        WebhookSecret = "read-only-webhook-secret",
        Scopes = ["media:read"],
    };
}
