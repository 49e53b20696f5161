using System.Diagnostics;
using System.Text.Json;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// Paths that used to hang or fool validate (issue #10): a FIFO, a link to /dev/zero, a link loop, an unreadable
/// folder, a 2 GB sparse file. Each run must end (a bounded wait: a hang fails the test instead of stalling it) with
/// a coded verdict. How fast they end is measured by the benchmark, not asserted here.
/// </summary>
public sealed class HostilePathTests : IDisposable
{
    /// <summary>Generous for a loaded CI machine; a hang never ends, so the bound only has to be finite.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    public void A_fifo_named_like_a_prompt_is_refused_without_opening_it()
    {
        var fifo = _temp.PathOf("welcome.wav");
        RunTool("mkfifo", fifo);
        try
        {
            var run = Bounded(() => CliRun.Of("validate", "--json", fifo));

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(["IVR1012"], Codes(run));
            Assert.Contains("FIFO", run.Output);
        }
        finally
        {
            ReleaseBlockedReader(fifo);
        }
    }

    [UnixFact]
    public void A_fifo_met_in_a_folder_walk_is_refused_too()
    {
        _temp.Wav("prompts/good.wav");
        var fifo = _temp.PathOf("prompts/pipe.wav");
        RunTool("mkfifo", fifo);
        try
        {
            var run = Bounded(() => CliRun.Of("validate", _temp.PathOf("prompts")));

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{fifo}(1,1): error IVR1012: ", run.Output);
        }
        finally
        {
            ReleaseBlockedReader(fifo);
        }
    }

    [UnixFact]
    public void A_link_to_dev_zero_is_refused_as_a_device()
    {
        var link = _temp.PathOf("zero.wav");
        File.CreateSymbolicLink(link, "/dev/zero");

        var run = Bounded(() => CliRun.Of("validate", "--json", link));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["IVR1012"], Codes(run));
        Assert.Contains("character device", run.Output);
    }

    [UnixFact]
    public void A_link_to_a_regular_file_is_followed_with_the_same_verdict_as_the_file()
    {
        var target = _temp.Wav("real/welcome.wav");
        var link = _temp.PathOf("linked/welcome.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);

        var direct = CliRun.Of("validate", "--json", target);
        var linked = CliRun.Of("validate", "--json", link);

        Assert.Equal(0, linked.ExitCode);
        Assert.Equal(Hash(direct), Hash(linked));
    }

    [UnixFact]
    public void A_folder_link_loop_is_a_coded_error_and_the_walk_ends()
    {
        _temp.Wav("prompts/good.wav");
        File.CreateSymbolicLink(_temp.PathOf("prompts/again"), _temp.PathOf("prompts"));

        var run = Bounded(() => CliRun.Of("validate", _temp.PathOf("prompts")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{_temp.PathOf("prompts/again")}(1,1): error IVR1014: ", run.Output);
        Assert.Contains($"✓ {_temp.PathOf("prompts/good.wav")}", run.Output);
    }

    [UnixFact]
    public void A_link_to_a_folder_outside_the_tree_is_followed_as_msbuild_globs_follow_it()
    {
        _temp.Wav("shared/common.wav");
        _temp.Wav("prompts/good.wav");
        File.CreateSymbolicLink(_temp.PathOf("prompts/shared"), _temp.PathOf("shared"));

        var run = Bounded(() => CliRun.Of("validate", _temp.PathOf("prompts")));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"✓ {Path.Join(_temp.PathOf("prompts"), "shared", "common.wav")}", run.Output);
    }

    [NotRootUnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_folder_is_a_coded_error_never_a_silent_skip()
    {
        _temp.Wav("prompts/good.wav");
        var locked = Directory.CreateDirectory(_temp.PathOf("prompts/locked"));
        _temp.Wav("prompts/locked/hidden.wav");
        File.SetUnixFileMode(locked.FullName, UnixFileMode.None);
        try
        {
            var run = Bounded(() => CliRun.Of("validate", _temp.PathOf("prompts")));

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{locked.FullName}(1,1): error IVR1013: ", run.Output);
        }
        finally
        {
            File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_2_gb_sparse_file_is_refused_by_its_size_and_never_hashed()
    {
        var path = _temp.PathOf("huge.wav");
        var header = File.ReadAllBytes(_temp.Wav("seed.wav"));
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            stream.Write(header);
            stream.SetLength(2L << 30); // Sparse where the file system allows: no 2 GB written.
        }

        var run = Bounded(() => CliRun.Of("validate", "--json", path));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("IVR1102", Codes(run));
        Assert.Equal(JsonValueKind.Null, Report(run).GetProperty("sha256").ValueKind);
    }

    private static CliRun Bounded(Func<CliRun> run)
    {
        var task = Task.Run(run);
        Assert.True(task.Wait(Bound), $"the command did not finish within {Bound.TotalSeconds} s: it hangs");
        return task.Result;
    }

    private static JsonElement Report(CliRun run) => JsonDocument.Parse(run.Output).RootElement.EnumerateArray().Single();

    private static string[] Codes(CliRun run) =>
        Report(run).GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToArray();

    private static string? Hash(CliRun run) => Report(run).GetProperty("sha256").GetString();

    private static void RunTool(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { UseShellExecute = false })!;
        Assert.True(process.WaitForExit(10_000), $"{tool} did not finish");
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>If a regression left a reader blocked in open(), a writer releases it so the test host can exit.</summary>
    private static void ReleaseBlockedReader(string fifo)
    {
        var writer = Task.Run(() =>
        {
            using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        });
        writer.Wait(TimeSpan.FromMilliseconds(200));
    }
}

/// <summary>A fact that needs Unix file kinds (FIFOs, devices, symbolic links as Unix makes them).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "FIFOs, /dev/zero and Unix permissions exist on Unix only.";
        }
    }
}

/// <summary>
/// A fact about permissions: root reads a folder whatever its mode (chmod 000 does not stop it), so under root the
/// test could not fail and is skipped with that reason rather than passing vacuously.
/// </summary>
public sealed class NotRootUnixFactAttribute : FactAttribute
{
    public NotRootUnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix permissions exist on Unix only.";
        }
        else if (Environment.UserName == "root")
        {
            Skip = "Running as root, which reads folders whatever their permissions: an unreadable folder cannot be made.";
        }
    }
}
