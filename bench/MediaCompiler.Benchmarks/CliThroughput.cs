using System.Diagnostics;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Cli;

namespace MediaCompiler.Benchmarks;

/// <summary>
/// ivr-media's own figures: validate over a folder of 1,000 prompts (files/s, warm: a first run fills the file cache
/// and the JIT and is not counted), and fix's real-time factor (seconds of audio converted per second of work).
/// </summary>
internal static class CliThroughput
{
    /// <summary>
    /// validate, in-process as the tool runs it, over <paramref name="folder"/> (made by <see cref="MakeFolder"/>):
    /// with the quality checks (decode, P.56 loudness, IVR16xx, level spread: the default), then with --no-quality.
    /// </summary>
    public static int Validate(string folder, int runs)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
        if (files == 0)
        {
            Console.Error.WriteLine($"validate: '{folder}' holds no file to measure (make it with make-folder first).");
            return 2;
        }

        Console.WriteLine($"validate with quality checks (decode, loudness, rules, hash) {files} files: {Throughput(files, runs, "validate", "--json", folder),10:N0} files/s");
        Console.WriteLine($"validate --no-quality (probe, rules, hash, silence check)     {files} files: {Throughput(files, runs, "validate", "--json", "--no-quality", folder),10:N0} files/s");

        // The header rules and the hash alone (no decoding): what the build's validate step costs.
        var paths = Directory.GetFiles(folder);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            foreach (var path in paths)
            {
                MediaCompiler.Platforms.PromptPlatform.For(TargetPlatform.MediaApi).Validate(path);
                MediaCompiler.Audio.ContentHash.OfFileWithin(path, MediaRules.MaxFileSizeBytes);
            }
        }

        Console.WriteLine($"probe + rules + hash, no decoding                            {files} files: {files * runs / clock.Elapsed.TotalSeconds,10:N0} files/s");
        return 0;
    }

    /// <summary>Files per second of one command, warm: a first run fills the file cache and the JIT and is not counted.</summary>
    private static double Throughput(int files, int runs, params string[] args)
    {
        Run(args);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            Run(args);
        }

        return files * runs / clock.Elapsed.TotalSeconds;
    }

    /// <summary>fix --out over every file in <paramref name="folder"/>: audio seconds written per wall-clock second.</summary>
    public static int Fix(string folder, int runs)
    {
        var output = Path.Combine(Path.GetTempPath(), "ivr-media-bench-fix-" + Guid.NewGuid().ToString("N"));
        try
        {
            Run("fix", "--out", output, folder); // warm-up
            var audioSeconds = Directory.GetFiles(output).Sum(f => MediaCompiler.Platforms.PromptPlatform.For(TargetPlatform.MediaApi).Validate(f).Probe.DurationSeconds ?? 0);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                Directory.Delete(output, recursive: true);
                Run("fix", "--out", output, folder);
            }

            var wall = clock.Elapsed.TotalSeconds / runs;
            Console.WriteLine($"fix --out: {Directory.GetFiles(output).Length} files, {audioSeconds:0.0} s of audio in {wall:0.000} s: {audioSeconds / wall:N0}x real time");
            return 0;
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Copies the files of <paramref name="source"/> round-robin into <paramref name="target"/> until it holds <paramref name="count"/>.</summary>
    public static int MakeFolder(string source, string target, int count)
    {
        var files = Directory.Exists(source)
            ? Directory.GetFiles(source).Where(f => PromptFileFinder.PromptExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"make-folder: '{source}' holds no prompt file (.wav, .mp3, .ogg ... as ivr-media finds them) to copy.");
            return 2;
        }

        Directory.CreateDirectory(target);
        for (var i = 0; i < count; i++)
        {
            var file = files[i % files.Length];
            File.Copy(file, Path.Combine(target, $"p{i:D4}_{Path.GetFileName(file)}"), overwrite: true);
        }

        Console.WriteLine($"{count} files in {target}");
        return 0;
    }

    private static void Run(params string[] args) => CliApp.Run(args, TextWriter.Null, TextWriter.Null, colour: false);
}
