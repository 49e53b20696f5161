using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MediaCompiler.Audio;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// The probe's channel count and bitrate of AAC in MP4 (read from the sample entry's esds, not its placeholder
/// channelcount) against ffprobe's, on files ffmpeg writes at test time: M4A, MP4, QuickTime MOV (a version 1 sound
/// description), fragmented MP4 (as browsers record) and 3GP, mono and stereo. A stereo M4A named .aac then gets
/// IVR1104 beside IVR1004, as any other stereo prompt does.
/// </summary>
public sealed class Mp4ProbeConfigTests
{
    [FfmpegTheory]
    [InlineData("m4a", 1, 32, new string[0])]
    [InlineData("m4a", 2, 96, new string[0])]
    [InlineData("mp4", 2, 64, new[] { "-movflags", "+frag_keyframe+empty_moov" })]
    [InlineData("mov", 1, 48, new string[0])]
    [InlineData("3gp", 1, 24, new string[0])]
    public void Channels_and_bitrate_agree_with_ffprobe(string extension, int channels, int kbps, string[] muxerOptions)
    {
        var directory = Directory.CreateTempSubdirectory("mp4-probe-").FullName;
        try
        {
            var path = Path.Combine(directory, "prompt." + extension);
            Ffmpeg.Run(["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-ac", channels.ToString(CultureInfo.InvariantCulture), "-ar", "16000",
                "-c:a", "aac", "-b:a", $"{kbps}k", .. muxerOptions, path]);
            var (ffChannels, ffBitrate, ffDuration) = Ffprobe(path);

            var probe = AudioProbe.Probe(path);

            Assert.Equal(AudioContainer.Mp4, probe.Container);
            Assert.Equal(ffChannels, probe.Channels);
            Assert.Equal(channels, probe.Channels);
            // The edit list's duration (the priming and padding cut), as ffprobe reports it.
            Assert.InRange(probe.DurationSeconds!.Value, ffDuration - 0.002, ffDuration + 0.002);
            if (ffBitrate is { } bitrate && probe.Bitrate is { } ours)
            {
                Assert.InRange(ours, bitrate * 0.97, bitrate * 1.03);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [FfmpegFact]
    public void A_stereo_m4a_named_aac_is_refused_for_its_channels_too()
    {
        var directory = Directory.CreateTempSubdirectory("mp4-probe-").FullName;
        try
        {
            var path = Path.Combine(directory, "stereo.aac");
            Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ac", "2", "-ar", "16000", "-c:a", "aac", "-b:a", "64k", "-f", "mp4", path);

            var codes = MediaCompiler.Audio.Rules.PromptValidator.Validate(path).Diagnostics.Select(d => d.Code).ToList();

            Assert.Contains("IVR1004", codes);
            Assert.Contains("IVR1104", codes);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int? Channels, long? Bitrate, double Duration) Ffprobe(string path)
    {
        var ffprobe = Path.Combine(Path.GetDirectoryName(Ffmpeg.Path!)!, "ffprobe");
        var start = new ProcessStartInfo(ffprobe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "quiet", "-select_streams", "a:0", "-show_streams", "-show_format", "-of", "json", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var root = JsonDocument.Parse(json).RootElement;
        var stream = root.GetProperty("streams")[0];
        double duration = double.Parse(root.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        long? bitrate = stream.TryGetProperty("bit_rate", out var b) && long.TryParse(b.GetString(), CultureInfo.InvariantCulture, out var value) ? value : null;
        return (stream.GetProperty("channels").GetInt32(), bitrate, duration);
    }
}
