using System.Diagnostics;
using System.Text;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>Runs the dotnet CLI as a user's shell would, with a controlled environment.</summary>
internal static class DotnetCli
{
    /// <summary>
    /// Variables of this test process that must not leak into a child build: MSBuildLocator points them at the SDK
    /// for the in-process tests, and MC_ARTIFACTS belongs to this repository's own build.
    /// </summary>
    private static readonly string[] Scrubbed =
    [
        "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
        "MC_ARTIFACTS", "GENESYS_BASE_URL", "GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET",
    ];

    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in Scrubbed)
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes");
        }
        output.Append(await stdout).Append(await stderr);
        return new Result(process.ExitCode, output.ToString());
    }
}
