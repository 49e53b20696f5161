namespace MediaCompiler.TestSupport;

/// <summary>
/// A theory that needs FAAD2's command-line decoder (faad) and ffmpeg on the PATH; skipped, saying so, where either is
/// missing (CI installs both).
/// </summary>
public sealed class FaadTheoryAttribute : TheoryAttribute
{
    public FaadTheoryAttribute()
    {
        if (Faad.Path is null || Ffmpeg.Path is null)
        {
            Skip = "faad (FAAD2) or ffmpeg is not on the PATH: install both (apt-get install faad ffmpeg) to run the FAAD2 agreement tests.";
        }
    }
}

/// <summary>Where FAAD2's command-line decoder is, if it is on the PATH.</summary>
public static class Faad
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var name = OperatingSystem.IsWindows() ? "faad.exe" : "faad";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
