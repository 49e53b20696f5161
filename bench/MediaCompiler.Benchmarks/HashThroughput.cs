using System.Diagnostics;
using MediaCompiler.Audio;

namespace MediaCompiler.Benchmarks;

/// <summary>
/// SHA-256 throughput of ContentHash.OfFile beside `openssl dgst -sha256` on the same file, both with a warm cache,
/// best of several runs. openssl's process start-up (timed on an empty file) is subtracted so the two compare hashing.
/// </summary>
internal static class HashThroughput
{
    public static int Run(string file, int runs)
    {
        var megabytes = new FileInfo(file).Length / 1e6;
        var ours = Best(runs, () => ContentHash.OfFile(file));

        var empty = Path.GetTempFileName();
        try
        {
            var startup = Best(runs, () => OpenSsl(empty));
            var openssl = Best(runs, () => OpenSsl(file));
            var opensslHashing = Math.Max(openssl - startup, 1e-6);

            Console.WriteLine($"sha256 ContentHash.OfFile        {megabytes / ours,8:N0} MB/s  ({megabytes:N0} MB in {ours * 1000:N0} ms)");
            Console.WriteLine($"sha256 openssl dgst -sha256      {megabytes / opensslHashing,8:N0} MB/s  ({openssl * 1000:N0} ms, of which {startup * 1000:N1} ms process start-up)");
            Console.WriteLine($"sha256 ratio ours/openssl        {opensslHashing / ours,8:P0}  (target >= 85%)");
        }
        finally
        {
            File.Delete(empty);
        }

        return 0;
    }

    /// <summary>The fastest of <paramref name="runs"/> timed runs after one untimed warm-up, in seconds.</summary>
    private static double Best(int runs, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static void OpenSsl(string file)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("dgst");
        start.ArgumentList.Add("-sha256");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl dgst exited with {process.ExitCode}");
        }
    }
}
