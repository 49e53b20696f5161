using MediaCompiler.Emulator;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Client.Tests.EndToEnd;

/// <summary>The client paces itself under the engine's published budget: it waits (and says so) instead of meeting 429s.</summary>
public sealed class RequestBudgetTests
{
    [Fact]
    public async Task Requests_over_the_published_budget_wait_for_the_window_instead_of_being_refused()
    {
        var settings = EmulatorSettings.LoadDefaults();
        settings.RateLimit.RequestsPerWindow = 4;
        settings.RateLimit.WindowSeconds = 1;
        await using var emulator = await EmulatorHost.StartAsync(settings);
        var log = new List<string>();
        using var client = new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = emulator.BaseAddress,
            ClientId = emulator.ClientId,
            ClientSecret = emulator.ClientSecret,
            Log = line => { lock (log) log.Add(line); },
        });
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        for (int i = 0; i < 10; i++)
        {
            Assert.Null(await client.GetAssetAsync($"unknown-{i}", guard.Token));
        }

        // Ten GETs and not one more: none was refused with 429 and retried.
        Assert.Equal(10, emulator.RequestCounts["GET /api/v2/media/assets/{id}"]);
        Assert.Contains(log, line => line.Contains("IVR5101", StringComparison.Ordinal));
    }
}
