using System.Diagnostics;

namespace MediaCompiler.Audio.Tests;

/// <summary>
/// The probe and the hash, which the build calls too, read regular files only: FIFOs and devices are refused from
/// their stat, before anything opens them (opening a FIFO blocks; /dev/zero never ends). Every call runs under a
/// bounded wait, so a regression fails instead of hanging the suite.
/// </summary>
public sealed class FileKindTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mc-kinds-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_fifo_is_refused_by_the_probe_and_the_hash_without_blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No FIFOs on Windows file systems.
        }

        var fifo = Path.Combine(_folder.FullName, "prompt.wav");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            Assert.True(mkfifo.WaitForExit(10_000));
        }

        var probe = Bounded(() => AudioProbe.Probe(fifo));
        var hash = Bounded(() => Record.Exception(() => ContentHash.OfFile(fifo)));

        Assert.Equal("IVR1012", Assert.Single(probe.Diagnostics).Code);
        Assert.Contains("FIFO", probe.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(hash);
        Assert.Null(Bounded(() => ContentHash.OfFileWithin(fifo, long.MaxValue)));
    }

    [Fact]
    public void A_link_to_dev_zero_is_a_character_device()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // Not a Unix system.
        }

        var link = Path.Combine(_folder.FullName, "zero.wav");
        File.CreateSymbolicLink(link, "/dev/zero");

        var probe = Bounded(() => AudioProbe.Probe(link));

        Assert.Equal("IVR1012", Assert.Single(probe.Diagnostics).Code);
        Assert.Contains("symbolic link to a character device", probe.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_loop_is_named_as_such()
    {
        var a = Path.Combine(_folder.FullName, "a.wav");
        var b = Path.Combine(_folder.FullName, "b.wav");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var probe = Bounded(() => AudioProbe.Probe(a));

        Assert.Equal("IVR1012", Assert.Single(probe.Diagnostics).Code);
        Assert.Contains("loops or points to nothing", probe.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_limit_is_not_hashed_and_one_within_it_is()
    {
        var path = Path.Combine(_folder.FullName, "big.wav");
        using (var stream = new FileStream(path, FileMode.Create))
        {
            stream.SetLength((2L << 30) + 1); // Sparse: the test writes nothing.
        }

        var small = Path.Combine(_folder.FullName, "small.wav");
        File.WriteAllBytes(small, [1, 2, 3]);

        Assert.Null(Bounded(() => ContentHash.OfFileWithin(path, 2_097_152)));
        Assert.Equal(ContentHash.Of([1, 2, 3]), ContentHash.OfFileWithin(small, 2_097_152));
    }

    private static T Bounded<T>(Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(Bound), "the call did not return: it blocks on the file");
        return task.Result;
    }
}
