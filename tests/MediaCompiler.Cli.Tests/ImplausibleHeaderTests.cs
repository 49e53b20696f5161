using System.Buffers.Binary;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// Plausibility before work: a header claiming what no real prompt holds (hundreds of MHz, tens of thousands of
/// channels) is IVR1018 from the probe, and no command decodes, resamples or writes anything for it. Bounded by
/// allocation, not by a timer: today's failure mode was gigabytes, not seconds.
/// </summary>
public sealed class ImplausibleHeaderTests : IDisposable
{
    private const long AllocationBound = 64 * 1024 * 1024;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A real 1.5 s 8 kHz PCM WAV (24 KB) with its fmt chunk's rate or channel count overwritten.</summary>
    private string Damaged(string name, uint? sampleRate = null, ushort? channels = null)
    {
        var path = _temp.Wav(name, seconds: 1.5, amplitude: 0.2);
        var bytes = File.ReadAllBytes(path);
        if (sampleRate is { } rate)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), rate);
        }
        if (channels is { } count)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), count);
        }
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("media-api")]
    [InlineData("genesys")]
    public void A_wav_claiming_536_MHz_is_refused_by_validate_on_both_platforms_without_decoding(string platform)
    {
        var path = Damaged("rate.wav", sampleRate: 536_870_912);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = CliRun.Of("validate", "--platform", platform, path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error IVR1018", run.Output, StringComparison.Ordinal);
        Assert.Contains("536,870,912 Hz", run.Output, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBound, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Fix_refuses_a_wav_claiming_a_billion_hertz_and_leaves_nothing_behind()
    {
        var path = Damaged("mulaw_flip.wav", sampleRate: 1_073_749_824);
        var output = _temp.PathOf("fixed");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = CliRun.Of("fix", path, "--out", output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("IVR1018", run.Output + run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
        Assert.True(allocated < AllocationBound, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_wav_declaring_65535_channels_is_a_coded_error_not_a_bug_report()
    {
        var path = Damaged("channels.wav", channels: 65_535);

        var validate = CliRun.Of("validate", path);
        var fix = CliRun.Of("fix", path, "--out", _temp.PathOf("fixed"));

        Assert.Contains("error IVR1018", validate.Output, StringComparison.Ordinal);
        Assert.Contains("65,535 channels", validate.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", fix.Output + fix.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("IVR1018", fix.Output + fix.Error, StringComparison.Ordinal);
    }
}
