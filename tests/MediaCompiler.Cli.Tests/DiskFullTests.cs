using MediaCompiler.Diagnostics;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// Issue 20, item 6: a full disk is its own coded error (IVR5010), not "cannot be written" with the system's words
/// and not our internal error. The CLI test writes to Linux's /dev/full, a real device that fails every write with
/// ENOSPC: fix's temporary file is made a link to it.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [DevFullFact]
    public void Fix_writing_to_a_full_disk_says_the_disk_is_full()
    {
        var source = _temp.Wav("menu.wav", sampleRate: 44100, seconds: 0.5);
        var outFolder = Directory.CreateDirectory(_temp.PathOf("out")).FullName;
        File.CreateSymbolicLink(Path.Combine(outFolder, "menu.wav.ivr-media-tmp"), "/dev/full");

        var run = CliRun.Of("fix", source, "--out", outFolder);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("IVR5010", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("the disk is full", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("IVR9", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(28)] // ENOSPC, as .NET reports it on Linux and macOS
    [InlineData(unchecked((int)0x80070070))] // ERROR_DISK_FULL
    [InlineData(unchecked((int)0x80070027))] // ERROR_HANDLE_DISK_FULL
    public void A_disk_full_io_error_is_ivr5010_even_wrapped(int hresult)
    {
        var full = new IOException("No space left on device", hresult);
        var other = Diagnostic.Create(DiagnosticCatalog.FixWriteFailed, "a.wav", "a.wav", "b.wav", "other");

        Assert.Equal("IVR5010", WriteFailure.Describe(full, "a.wav", "b.wav", () => other).Code);
        Assert.True(WriteFailure.IsDiskFull(new InvalidOperationException("wrapped", full)));
        Assert.Equal("IVR1201", WriteFailure.Describe(new IOException("Permission denied", 13), "a.wav", "b.wav", () => other).Code);
    }
}
