using System.Collections.Concurrent;
using System.Diagnostics;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// M4A files made at test time by ffmpeg's AAC encoder from the speech fixture, and ffmpeg's own decodes of them (the
/// independent reference). Stereo sources carry the speech on the left and the same speech reversed on the right, so a
/// swapped or mixed-up channel cannot pass for the right one.
/// </summary>
internal static class Mp4Fixtures
{
    private const string Speech = "menu_16k.wav";
    private static readonly ConcurrentDictionary<string, Lazy<string>> Cache = new();
    private static readonly string WorkDirectory = Directory.CreateTempSubdirectory("mp4-fixtures-").FullName;

    /// <summary>An M4A of the speech at <paramref name="rate"/> Hz with <paramref name="channels"/> channels.</summary>
    public static byte[] Encode(int rate, int channels, bool fastStart, string extra = "") =>
        File.ReadAllBytes(Cached($"m4a-{rate}-{channels}-{fastStart}-{extra}", path =>
            Run($"-i \"{Source(rate, channels)}\" -c:a aac {extra} {(fastStart ? "-movflags +faststart" : "")} -f mp4 \"{path}\"")));

    /// <summary>The same encoding as raw ADTS frames, to take access units from for hand-built containers.</summary>
    public static byte[] EncodeAdts(int rate, int channels) =>
        File.ReadAllBytes(Cached($"adts-{rate}-{channels}", path => Run($"-i \"{Source(rate, channels)}\" -c:a aac -f adts \"{path}\"")));

    /// <summary>Samples per channel of the source the encoder was given: what a gapless decode gives back.</summary>
    public static int SourceSamples(int rate, int channels)
    {
        var wav = File.ReadAllBytes(Source(rate, channels));
        var data = wav.AsSpan().IndexOf("data"u8);
        return BitConverter.ToInt32(wav, data + 4) / (2 * channels);
    }

    /// <summary>ffmpeg's decode of <paramref name="file"/>: interleaved 16-bit samples as floats, its own channel count or mono.</summary>
    public static float[] FfmpegDecode(byte[] file, bool mono)
    {
        var input = Path.Combine(WorkDirectory, $"decode-{Guid.NewGuid():N}.m4a");
        var output = Path.ChangeExtension(input, ".s16");
        File.WriteAllBytes(input, file);
        Run($"-i \"{input}\" {(mono ? "-ac 1" : "")} -f s16le \"{output}\"");
        var bytes = File.ReadAllBytes(output);
        var samples = new float[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8)) / 32768f;
        }

        return samples;
    }

    /// <summary>The raw_data_blocks of an ADTS stream, headers (and any header CRC) stripped.</summary>
    public static List<byte[]> AccessUnits(byte[] adts)
    {
        var units = new List<byte[]>();
        for (var offset = 0; offset + 7 <= adts.Length;)
        {
            var length = ((adts[offset + 3] & 3) << 11) | (adts[offset + 4] << 3) | (adts[offset + 5] >> 5);
            var header = (adts[offset + 1] & 1) != 0 ? 7 : 9;
            units.Add(adts[(offset + header)..(offset + length)]);
            offset += length;
        }

        return units;
    }

    private static string Source(int rate, int channels) =>
        Cached($"source-{rate}-{channels}", target =>
        {
            var speech = Path.Combine(SpeechFixtures.Root, "speech", Speech);
            var filter = channels == 1
                ? "-ac 1"
                : "-filter_complex \"[0:a]asplit[l][r];[r]areverse[rr];[l][rr]join=inputs=2:channel_layout=stereo\"";
            Run($"-i \"{speech}\" {filter} -ar {rate} -c:a pcm_s16le -map_metadata -1 -fflags +bitexact -flags:a +bitexact -f wav \"{target}\"");
        });

    /// <summary>The path of a file made once per test run (theories share sources and encodings).</summary>
    private static string Cached(string key, Action<string> make) =>
        Cache.GetOrAdd(key, k => new Lazy<string>(() =>
        {
            var path = Path.Combine(WorkDirectory, string.Concat(k.Select(c => char.IsLetterOrDigit(c) ? c : '_')));
            make(path);
            return path;
        })).Value;

    private static void Run(string arguments)
    {
        var start = new ProcessStartInfo(Ffmpeg.Path ?? "ffmpeg", $"-v error -nostdin -y {arguments}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {arguments} failed: {errors.Result}");
        }
    }
}
