namespace MediaCompiler.TestSupport;

/// <summary>
/// A theory that needs the lame command-line encoder (the modes ffmpeg's libmp3lame does not expose: dual channel,
/// free format), mpg123 (the second MP3 reference decoder, and the only one here that decodes free format) and ffmpeg
/// on the PATH; skipped, saying so, where any is missing (CI installs all three).
/// </summary>
public sealed class LameTheoryAttribute : TheoryAttribute
{
    public LameTheoryAttribute()
    {
        if (ToolPath.Find("lame") is null || ToolPath.Find("mpg123") is null || Ffmpeg.Path is null)
        {
            Skip = "lame, mpg123 or ffmpeg is not on the PATH: install them (apt-get install lame mpg123 ffmpeg) to run the lame mode tests.";
        }
    }
}

/// <summary>Where a command-line tool is, if it is on the PATH.</summary>
public static class ToolPath
{
    public static string? Find(string name)
    {
        var file = OperatingSystem.IsWindows() ? name + ".exe" : name;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, file))
            .FirstOrDefault(File.Exists);
    }
}
