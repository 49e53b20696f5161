using System.Diagnostics;

namespace MediaCompiler.Cli.Tests;

/// <summary>The real entry point: the built ivr-media.dll run by the dotnet host, output redirected as in CI or a hook.</summary>
public sealed class ToolProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_built_tool_validates_a_folder_with_plain_output_and_real_exit_codes()
    {
        _temp.Wav("prompts/welcome.wav");
        _temp.Wav("prompts/music.wav", sampleRate: 44100, channels: 2);

        var failing = RunTool("validate", "prompts");
        File.Delete(_temp.PathOf("prompts/music.wav"));
        var passing = RunTool("validate", "prompts");
        var usage = RunTool("validate");

        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("✓ prompts/welcome.wav", failing.Output);
        Assert.Contains("prompts/music.wav(1,1): error IVR1103: ", failing.Output);
        Assert.DoesNotContain('\u001b', failing.Output); // redirected: no colour codes
        Assert.Equal(0, passing.ExitCode);
        Assert.Equal(2, usage.ExitCode);
    }

    private CliRun RunTool(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "ivr-media.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _temp.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ivr-media did not finish within a minute.");
        }

        return new CliRun(process.ExitCode, output, error.Result);
    }
}
