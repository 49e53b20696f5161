namespace MediaCompiler.Codecs.Decoding;

/// <summary>Finds the ffmpeg executable: the configured path, or <c>ffmpeg</c> on the PATH.</summary>
public static class FfmpegLocator
{
    /// <summary>
    /// The executable to run, or null with <paramref name="whereLooked"/> saying where it was sought (for the
    /// IVR3001 message).
    /// </summary>
    public static string? Find(string? configuredPath, out string whereLooked)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            whereLooked = $"the configured ffmpeg path '{configuredPath}' does not exist";
            return File.Exists(configuredPath) ? configuredPath : null;
        }

        whereLooked = "no ffmpeg executable on the PATH";
        var names = OperatingSystem.IsWindows() ? new[] { "ffmpeg.exe", "ffmpeg" } : new[] { "ffmpeg" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                try
                {
                    var candidate = Path.Combine(directory.Trim('"'), name);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
                catch (ArgumentException)
                {
                    // A PATH entry with characters no path may hold: not where ffmpeg lives.
                }
            }
        }

        return null;
    }
}
