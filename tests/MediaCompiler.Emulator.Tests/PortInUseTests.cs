using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MediaCompiler.Emulator.Tests;

/// <summary>
/// `dotnet run --project src/MediaCompiler.Emulator` on a port something else holds: one line that says so and what to
/// do, exit code 1, and no stack trace on either stream (the host's own failure log is what printed one). Run as a
/// child process, because that log goes to the real console.
/// </summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task A_taken_port_is_one_line_on_stderr_and_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var emulator = typeof(EmulatorHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [emulator, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(emulator)!,
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);

        Assert.Equal(1, process.ExitCode);
        var errorLines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(errorLines);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", await output, StringComparison.Ordinal);
    }
}
