using BenchmarkDotNet.Running;
using MediaCompiler.Benchmarks;

// Speed figures for docs/performance.md. build/bench-audio.sh runs this with a warm file cache on one core.
//   probe <folder> [seconds]     probe throughput over every file in <folder> (files/s), per extension too
//   hash <file> [runs]           ContentHash.OfFile throughput (MB/s) beside `openssl dgst -sha256` on the same file
//   ffprobe <folder> [seconds]   the alternative: one ffprobe process per file (files/s)
//   convert <folder> [runs]      in-process decode and full G.711 conversion per file beside ffmpeg (build/bench-decode.sh)
//   make-folder <from> <to> [n] copies prompts round-robin into a folder of n files (default 1,000)
//   validate <folder> [runs]     ivr-media validate over the folder, warm (files/s), and the rules alone
//   fix <folder> [runs]          ivr-media fix --out over the folder: real-time factor
//   --bdn [BenchmarkDotNet args] the same probe and hash measurements under BenchmarkDotNet (slower, more rigorous)
if (args.Length > 0 && args[0] == "--bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(ProbeBenchmarks).Assembly).Run(args[1..]);
    return 0;
}

return args switch
{
    ["probe", var folder, .. var rest] => ProbeThroughput.Run(folder, Seconds(rest, 3)),
    ["hash", var file, .. var rest] => HashThroughput.Run(file, rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 5),
    ["ffprobe", var folder, .. var rest] => FfprobeThroughput.Run(folder, Seconds(rest, 5)),
    ["convert", var folder, .. var rest] => ConversionThroughput.Run(folder, rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 10),
    ["make-folder", var from, var to, .. var rest] => CliThroughput.MakeFolder(from, to, rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 1000),
    ["validate", var folder, .. var rest] => CliThroughput.Validate(folder, rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 3),
    ["fix", var folder, .. var rest] => CliThroughput.Fix(folder, rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 3),
    _ => Usage(),
};

static double Seconds(string[] rest, double fallback) =>
    rest.Length > 0 ? double.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: MediaCompiler.Benchmarks probe <folder> [seconds] | hash <file> [runs] | ffprobe <folder> [seconds] | convert <folder> [runs] | --bdn [args]");
    return 2;
}
