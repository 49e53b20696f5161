using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.Tasks;

/// <summary>
/// Paths that differ only in letter case, on this machine's case-sensitive file system (the CI's): two files when the
/// folder lists both spellings, in the file name or in a folder above it; the same spelling is never "another file".
/// </summary>
public sealed class CaseTwinsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [CaseSensitiveTempFact]
    public void Two_spellings_the_folder_lists_are_two_files()
    {
        var lower = _temp.Combine("prompts", "hello.wav");
        var upper = _temp.Combine("prompts", "Hello.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(lower)!);
        File.WriteAllText(lower, "old");

        Assert.False(CaseTwins.AreDistinct(lower, upper), "only one spelling is on disk: it is the file both name");
        Assert.False(CaseTwins.IsOwnFile(lower, CaseTwins.Index([lower])));

        File.WriteAllText(upper, "new");
        Assert.True(CaseTwins.AreDistinct(lower, upper));
        Assert.True(CaseTwins.IsOwnFile(lower, CaseTwins.Index([upper])));
        Assert.False(CaseTwins.IsOwnFile(upper, CaseTwins.Index([upper])));
    }

    [CaseSensitiveTempFact]
    public void A_folder_renamed_by_case_is_told_apart_at_the_folder()
    {
        var old = _temp.Combine("menus", "main.wav");
        var renamed = _temp.Combine("Menus", "main.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.WriteAllText(old, "old");

        Assert.False(CaseTwins.AreDistinct(old, renamed));

        Directory.CreateDirectory(Path.GetDirectoryName(renamed)!);
        File.WriteAllText(renamed, "new");
        Assert.True(CaseTwins.AreDistinct(old, renamed));
        Assert.Equal(renamed, CaseTwins.TwinIn(old, CaseTwins.Index([renamed, _temp.Combine("other.wav")])));
    }
}

/// <summary>A fact that needs a temp folder whose file system tells letter case apart (Linux's; not Windows' or macOS's).</summary>
public sealed class CaseSensitiveTempFactAttribute : FactAttribute
{
    public CaseSensitiveTempFactAttribute()
    {
        var probe = Path.Combine(Path.GetTempPath(), $"ivr-case-{Guid.NewGuid():N}");
        File.WriteAllText(probe, "");
        try
        {
            if (File.Exists(Path.Combine(Path.GetDirectoryName(probe)!, Path.GetFileName(probe).ToUpperInvariant())))
            {
                Skip = "the temp folder's file system ignores letter case";
            }
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
