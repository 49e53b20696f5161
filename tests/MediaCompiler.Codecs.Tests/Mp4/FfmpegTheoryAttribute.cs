using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>A theory that needs ffmpeg on the PATH (to make its files and decode them as the reference).</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = "ffmpeg is not on the PATH: install ffmpeg to run the MP4 reference tests.";
        }
    }
}
