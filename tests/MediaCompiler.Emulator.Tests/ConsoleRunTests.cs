using System.Net;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

/// <summary>The <c>dotnet run</c> entry point: what it prints is what scripts and people copy credentials from.</summary>
public sealed class ConsoleRunTests
{
    [Fact]
    public async Task Run_prints_the_address_and_the_demo_credentials_one_per_line_and_stops_cleanly()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();

        var run = EmulatorHost.RunAsync(["--urls", "http://127.0.0.1:0"], TextWriter.Synchronized(output), TextWriter.Synchronized(error), stop.Token);
        var lines = await WaitForLineAsync(output, run, "webhook secret: ");

        var values = lines.Where(l => l.Contains(": ", StringComparison.Ordinal))
            .Select(l => l.Split(": ", 2))
            .ToLookup(parts => parts[0], parts => parts[1]);
        Assert.Equal("ivr-demo-client", Assert.Single(values["client id"]));
        Assert.Contains("main-menu-flow", values["flow id"]);
        Assert.False(string.IsNullOrEmpty(Assert.Single(values["webhook secret"])));
        using var http = new HttpClient { BaseAddress = new Uri(Assert.Single(values["listening on"])) };
        using var token = await http.PostAsync("oauth/token", ApiSession.TokenForm(values["client id"].Single(), values["client secret"].Single()));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Run_with_an_unusable_configuration_exits_1_with_the_reason()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await EmulatorHost.RunAsync(["--urls", "http://127.0.0.1:0", "--Emulator:TokenLifetimeSeconds=0"], output, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("TokenLifetimeSeconds", error.ToString());
    }

    internal static async Task<string[]> WaitForLineAsync(StringWriter output, Task<int> run, string prefix)
    {
        for (var i = 0; i < 400; i++)
        {
            var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
            if (lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return lines;
            }

            Assert.False(run.IsCompleted, $"the emulator stopped early: {output}");
            await Task.Delay(25);
        }

        throw new TimeoutException($"No '{prefix}' line in: {output}");
    }
}
