using System.Diagnostics;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Codecs.Decoding;

namespace MediaCompiler.Benchmarks;

/// <summary>
/// Per-prompt build time of the engine: for each file of a folder (one minute of speech per format, made by
/// build/bench-decode.sh), the in-process decode alone (PromptDecoder.Decode) and the whole conversion the engine runs
/// (AssetCompiler: probe, decode, resample to 8 kHz, P.56 normalisation, G.711 mu-law, WAV), beside ffmpeg doing the
/// same conversion as a process (decode, resample to 8 kHz mono, mu-law WAV; no normalisation). Best of several runs,
/// after a warm-up; the real-time factor is audio seconds per second of work.
/// </summary>
internal static class ConversionThroughput
{
    public static int Run(string folder, int runs)
    {
        var compiler = new AssetCompiler(ffmpegPath: null, TimeSpan.FromMinutes(1));
        Console.WriteLine($"{"file",-24} {"audio s",8} {"decode ms",10} {"RTF",8} {"convert ms",11} {"RTF",8} {"ffmpeg ms",10} {"RTF",8}");
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllBytes(path);
            var name = Path.GetFileName(path);
            var probe = AudioProbe.Probe(new MemoryStream(content, writable: false), name);
            var decoded = PromptDecoder.Decode(content, name, probe);
            if (decoded.Audio is not { } audio)
            {
                Console.WriteLine($"{name,-24} not decoded: {decoded.Error}");
                continue;
            }

            double seconds = audio.DurationSeconds;
            double decode = Best(runs, () => PromptDecoder.Decode(content, name, probe));
            double convert = Best(runs, () => Compile(compiler, content, name));
            double ffmpeg = Best(Math.Min(runs, 5), () => Ffmpeg(path));
            Console.WriteLine($"{name,-24} {seconds,8:0.0} {decode * 1000,10:0.0} {seconds / decode,7:0}x {convert * 1000,11:0.0} {seconds / convert,7:0}x {ffmpeg * 1000,10:0.0} {seconds / ffmpeg,7:0}x");
        }

        return 0;
    }

    private static void Compile(AssetCompiler compiler, byte[] content, string name)
    {
        var compiled = compiler.CompileAsync(content, name, G711Law.MuLaw, normalizeVolume: true, stripMetadata: true, CancellationToken.None).GetAwaiter().GetResult();
        if (compiled.Wav is null)
        {
            throw new InvalidOperationException($"{name}: {compiled.Error}");
        }
    }

    private static void Ffmpeg(string path)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-nostdin", "-v", "error", "-i", path, "-ac", "1", "-ar", "8000", "-c:a", "pcm_mulaw", "-f", "wav", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(Stream.Null);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed on {path}: {errors.Result}");
        }
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
}
