using System.Diagnostics;
using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Benchmarks;

/// <summary>
/// Probe throughput: files per second for AudioProbe.Probe over a folder, cycling through its files until the time is
/// up. The first pass warms the file cache and the JIT and is not counted, so the figure is the header-reading cost.
/// </summary>
internal static class ProbeThroughput
{
    public static int Run(string folder, double seconds)
    {
        var files = Corpus.FilesIn(folder);
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"no files in {folder}");
            return 2;
        }

        // Warm-up pass; it also picks out the typical prompts (those the rules accept) from the corpus's broken files.
        var typical = files.Where(f => PromptValidator.Validate(f).IsValid).ToArray();

        var floor = Measure(files, seconds / 2, OpenReadClose);
        Console.WriteLine($"floor  open + read 4 KiB + close  {floor,12:N0} files/s  ({1e6 / floor:0.0} µs/file: the file system's share of a probe)");
        var inMemory = files.ToDictionary(f => f, File.ReadAllBytes);
        var parse = Measure(files, seconds / 2, f => AudioProbe.Probe(new MemoryStream(inMemory[f], writable: false), f));
        Console.WriteLine($"parse  same files from memory     {parse,12:N0} files/s  ({1e6 / parse:0.0} µs/file: the parsers' share, no system calls)");
        var overall = Measure(files, seconds);
        Console.WriteLine($"probe  all {files.Length,3} files        {overall,12:N0} files/s  ({1e6 / overall:0.0} µs/file)");
        if (typical.Length > 0)
        {
            var valid = Measure(typical, seconds);
            Console.WriteLine($"probe  valid prompts {typical.Length,3} files {valid,11:N0} files/s  ({1e6 / valid:0.0} µs/file)");
        }
        foreach (var group in files.GroupBy(Corpus.Extension).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rate = Measure(group.ToArray(), seconds / 4);
            Console.WriteLine($"probe  {group.Key,-5} {group.Count(),3} files      {rate,12:N0} files/s  ({1e6 / rate:0.0} µs/file)");
        }

        return 0;
    }

    private static double Measure(string[] files, double seconds) => Measure(files, seconds, f => AudioProbe.Probe(f));

    private static double Measure(string[] files, double seconds, Action<string> probe)
    {
        long probed = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var file in files)
            {
                probe(file);
            }

            probed += files.Length;
        }

        return probed / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The least any header probe must do: open the file, read its first block, close it.</summary>
    private static void OpenReadClose(string file)
    {
        Span<byte> block = stackalloc byte[4096];
        using var handle = File.OpenHandle(file);
        RandomAccess.Read(handle, block, 0);
    }
}
