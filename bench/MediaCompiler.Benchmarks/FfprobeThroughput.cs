using System.Diagnostics;

namespace MediaCompiler.Benchmarks;

/// <summary>
/// For context: what probing costs when each file is handed to an ffprobe process, the usual alternative to reading
/// headers in-process.
/// </summary>
internal static class FfprobeThroughput
{
    public static int Run(string folder, double seconds)
    {
        var files = Corpus.FilesIn(folder);
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"no files in {folder}");
            return 2;
        }

        long probed = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var file in files)
            {
                Ffprobe(file);
                probed++;
                if (clock.Elapsed.TotalSeconds >= seconds)
                {
                    break;
                }
            }
        }

        var rate = probed / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"ffprobe one process per file     {rate,12:N0} files/s  ({1e3 / rate:0.0} ms/file, {probed} files)");
        return 0;
    }

    private static void Ffprobe(string file)
    {
        var start = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-v", "error", "-show_format", "-show_streams", "-of", "json", file })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = errors.Result; // broken corpus files make ffprobe complain; that is part of the cost, not a failure
    }
}
