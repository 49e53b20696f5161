using MediaCompiler.Engine.Decoding;

namespace MediaCompiler.Engine.Tests.Support;

/// <summary>A fact that needs ffmpeg on the PATH; skipped, saying so, where there is none (CI installs it).</summary>
internal sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = "ffmpeg is not on the PATH: install ffmpeg to run the mp3/ogg decoding tests.";
        }
    }
}

internal static class Ffmpeg
{
    public static string? Path { get; } = FfmpegLocator.Find(null, out _);
}
