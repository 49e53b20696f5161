using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// A fragmented MP4 (what browsers' MediaRecorder and live muxers write) keeps its samples' durations in the 'moof'
/// boxes after an empty 'moov': the probe adds them up, and agrees with ffprobe on files ffmpeg fragments several
/// ways. A run that claims more samples than it holds gives no duration, never a made-up one.
/// </summary>
public sealed class Mp4FragmentProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-fmp4-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [FfmpegTheory]
    [InlineData("frag_keyframe+empty_moov", "3", "16000")]                     // one fragment
    [InlineData("frag_keyframe+empty_moov+default_base_moof", "0.25", "8000")] // a fragment per 0.25 s, base offsets omitted
    [InlineData("empty_moov+separate_moof", "0.1", "48000")]                   // 30 fragments of 0.1 s
    public void The_duration_is_the_sum_of_the_fragments_as_ffprobe_reads_it(string movflags, string fragmentSeconds, string rate)
    {
        var path = Path.Combine(_folder, "prompt.m4a");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ar", rate, "-c:a", "aac", "-movflags", movflags,
            "-frag_duration", ((int)(double.Parse(fragmentSeconds, CultureInfo.InvariantCulture) * 1_000_000)).ToString(CultureInfo.InvariantCulture), path);

        var probe = AudioProbe.Probe(path);

        Assert.Equal(AudioContainer.Mp4, probe.Container);
        Assert.Equal(int.Parse(rate, CultureInfo.InvariantCulture), probe.SampleRate);
        Assert.NotNull(probe.DurationSeconds);
        Assert.Equal(FfprobeDuration(path), probe.DurationSeconds!.Value, 3);
    }

    [FfmpegFact]
    public void A_run_that_claims_more_samples_than_it_holds_gives_no_duration()
    {
        var path = Path.Combine(_folder, "prompt.m4a");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ar", "16000", "-c:a", "aac", "-movflags", "frag_keyframe+empty_moov", path);
        var bytes = File.ReadAllBytes(path);
        var trun = bytes.AsSpan().IndexOf("trun"u8);
        Assert.True(trun > 0 && (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(trun + 4)) & 0x100) != 0, "ffmpeg's run lists each sample's duration");
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(trun + 8), uint.MaxValue);
        File.WriteAllBytes(path, bytes);

        var probe = AudioProbe.Probe(path);

        Assert.Equal(AudioContainer.Mp4, probe.Container);
        Assert.Null(probe.DurationSeconds);
    }

    private static double FfprobeDuration(string path)
    {
        var ffprobe = Path.Combine(Path.GetDirectoryName(Ffmpeg.Path!)!, "ffprobe");
        var start = new ProcessStartInfo(ffprobe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
