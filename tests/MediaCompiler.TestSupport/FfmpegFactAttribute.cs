using MediaCompiler.Codecs.Decoding;

namespace MediaCompiler.TestSupport;

/// <summary>A fact that needs ffmpeg on the PATH; skipped, saying so, where there is none (CI installs it).</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = "ffmpeg is not on the PATH: install ffmpeg to run the mp3/ogg decoding tests.";
        }
    }
}

public static class Ffmpeg
{
    public static string? Path { get; } = FfmpegLocator.Find(null, out _);

    /// <summary>Runs ffmpeg quietly with <paramref name="arguments"/> (output overwritten); fails the test when it fails.</summary>
    public static void Run(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path ?? "ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-nostdin", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed: {errors.Result}");
    }
}

/// <summary>A theory that needs ffmpeg on the PATH; skipped, saying so, where there is none (CI installs it).</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = "ffmpeg is not on the PATH: install ffmpeg to run the mp3/ogg decoding tests.";
        }
    }
}
