namespace MediaCompiler.Emulator.Tests;

/// <summary>The emulator prints its built-in demo credentials, and never a secret it was given.</summary>
public sealed class SecretPrintingTests
{
    [Fact]
    public async Task A_configured_secret_is_not_printed_and_the_demo_ones_are()
    {
        var configured = await RunUntilPrintedAsync("--Emulator:Clients:0:ClientSecret=team-secret-4f9c", "--Emulator:Clients:0:WebhookSecret=hook-secret-77aa");
        Assert.DoesNotContain("team-secret-4f9c", configured, StringComparison.Ordinal);
        Assert.DoesNotContain("hook-secret-77aa", configured, StringComparison.Ordinal);
        Assert.Contains("client secret: (configured; not shown)", configured, StringComparison.Ordinal);

        var demo = await RunUntilPrintedAsync();
        Assert.Contains("client secret: demo-client-secret-not-for-production", demo, StringComparison.Ordinal);
    }

    private static async Task<string> RunUntilPrintedAsync(params string[] extra)
    {
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = EmulatorHost.RunAsync(["--urls", "http://127.0.0.1:0", .. extra], TextWriter.Synchronized(output), TextWriter.Null, stop.Token);
        await ConsoleRunTests.WaitForLineAsync(output, run, "webhook secret: ");
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        return output.ToString();
    }
}
