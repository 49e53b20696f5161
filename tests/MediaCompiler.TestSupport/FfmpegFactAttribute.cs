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
