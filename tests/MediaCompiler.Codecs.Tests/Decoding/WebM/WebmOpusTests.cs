using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.WebM;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.WebM;

/// <summary>
/// Opus in WebM, as browsers' MediaRecorder writes a recording: encoded at test time by ffmpeg (libopus), as a finished
/// file and as a live one (unknown Segment size, no Duration, no Cues; its Clusters' sizes made unknown too, as Chrome
/// writes them), and decoded by the prompt decoder in-process and by libopus in ffmpeg. The criteria are those of Ogg
/// Opus (<see cref="DecoderReferenceMatrixTests"/>: Concentus decodes CELT in fixed point, libopus in float): the same
/// length and alignment, 60 dB whole-file and 55 dB in every 10 ms window.
/// </summary>
public sealed class WebmOpusTests(ITestOutputHelper output)
{
    private const double Seconds = 1.5;
    private const double MinimumSnrDb = 60;
    private const double MinimumWindowSnrDb = 55;

    public static TheoryData<int, int, int, bool> Recordings()
    {
        var data = new TheoryData<int, int, int, bool>();
        foreach (var rate in new[] { 8000, 16000, 48000 })
        {
            foreach (var channels in new[] { 1, 2 })
            {
                data.Add(rate, channels, 16, false);
                data.Add(rate, channels, 32, true);
            }
        }

        data.Add(48000, 6, 24, false);   // 5.1: a multistream track (channel mapping family 1)
        return data;
    }

    [FfmpegTheory]
    [MemberData(nameof(Recordings))]
    public void A_recording_decodes_like_libopus(int sampleRate, int channels, int kbpsPerChannel, bool live)
    {
        var webm = Encode(sampleRate, channels, kbpsPerChannel, live);
        var probe = AudioProbe.Probe(new MemoryStream(webm, writable: false), "recording.webm");

        var result = PromptDecoder.Decode(webm, "recording.webm", probe);

        Assert.Equal(AudioContainer.WebM, probe.Container);
        Assert.Equal("opus", probe.Codec);
        Assert.Equal(channels, probe.Channels);
        Assert.Equal(sampleRate, probe.SampleRate);
        Assert.Equal(48000, probe.DecodedSampleRate);
        Assert.True(live ? probe.DurationSeconds is null : probe.DurationSeconds is > Seconds - 0.05 and < Seconds + 0.05, $"duration {probe.DurationSeconds}");
        Assert.Null(result.Error);
        AssertLikeLibopus(webm, result.Audio!.Samples, channels, $"{sampleRate} Hz {channels} ch {kbpsPerChannel * channels} kb/s{(live ? " live" : "")}");
    }

    /// <summary>
    /// The frames of a recording laced three to a block (Xiph, EBML, and fixed for a constant-bitrate stream, whose
    /// frames are all one size): ffmpeg's decode of the relaced file, and ours, are those of the unlaced one.
    /// </summary>
    [FfmpegTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(2)]
    public void Laced_blocks_decode_like_libopus(int lacing)
    {
        var webm = Encode(16000, 1, 24, live: false, constantBitrate: lacing == 2);
        var frames = MatroskaBlocks.Read(webm).Frames;
        var relaced = WebmWriter.Relace(webm, [.. frames.Select(f => f.Data.ToArray())], lacing, framesPerBlock: 3);
        var probe = AudioProbe.Probe(new MemoryStream(relaced, writable: false), "relaced.webm");

        var ours = PromptDecoder.Decode(relaced, "relaced.webm", probe);
        var unlaced = PromptDecoder.Decode(webm, "recording.webm", AudioProbe.Probe(new MemoryStream(webm, writable: false), "recording.webm"));

        Assert.Equal(frames.Count, MatroskaBlocks.Read(relaced).Frames.Count);
        Assert.Null(ours.Error);
        // The relaced file has no DiscardPadding: its end keeps the encoder's padding, which the original cut. Up to
        // there it is the original's decode, and libopus's decode of it is judged over that signal.
        int signal = unlaced.Audio!.Samples.Length;
        Assert.Equal(unlaced.Audio.Samples, ours.Audio!.Samples.AsSpan(0, signal).ToArray());
        AssertLikeLibopus(relaced, ours.Audio.Samples, 1, $"lacing {lacing}", signal);
    }

    [FfmpegTheory]
    [MemberData(nameof(FileDamage.Common), MemberType = typeof(FileDamage))]
    public void A_damaged_recording_decodes_to_audio_or_a_coded_rejection(string damage)
    {
        var webm = Encode(48000, 2, 32, live: true);
        var damaged = FileDamage.Apply(webm, damage);
        var probe = AudioProbe.Probe(new MemoryStream(damaged, writable: false), "recording.webm");

        var result = PromptDecoder.Decode(damaged, "recording.webm", probe);

        Assert.True(result.Audio is not null ^ result.Error is not null);
        // A cut is truncated (IVR1005); damage inside the file is never taken for one.
        Assert.True(result.Error is null || result.Error.Code is "IVR3120" or "IVR1010" or "IVR3121" or "IVR1005", result.Error?.ToString());
        Assert.Equal(damage == "cut-at-1/3", result.Error?.Code == "IVR1005");
    }

    /// <summary>A recording cut short is refused (as a cut WAV, MP4 or FLAC is), not converted into a shorter prompt.</summary>
    [FfmpegFact]
    public void A_recording_cut_short_is_refused()
    {
        var webm = Encode(48000, 1, 32, live: true);

        var cut = webm[..(webm.Length * 2 / 3)];
        var result = PromptDecoder.Decode(cut, "recording.webm", AudioProbe.Probe(new MemoryStream(cut, writable: false), "recording.webm"));

        Assert.Null(result.Audio);
        Assert.Equal("IVR1005", result.Error!.Code);
        Assert.Contains("is truncated: the file ends inside an element (ID 0xA3)", result.Error.Message, StringComparison.Ordinal);
    }

    /// <summary>200 copies of a live recording, each with a few random bytes changed: sizes, IDs, lacing and packets alike.</summary>
    [FfmpegFact]
    public void Randomly_corrupted_recordings_decode_to_audio_or_a_coded_rejection()
    {
        var webm = Encode(16000, 2, 24, live: true);
        var random = new Random(9559);
        for (int round = 0; round < 200; round++)
        {
            var damaged = webm.ToArray();
            for (int i = 0; i < 1 + random.Next(8); i++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            var probe = AudioProbe.Probe(new MemoryStream(damaged, writable: false), "recording.webm");
            var result = PromptDecoder.Decode(damaged, "recording.webm", probe);

            Assert.True(result.Audio is not null ^ result.Error is not null);
            Assert.True(result.Error is null || result.Error.Code is "IVR3120" or "IVR1010" or "IVR1003" or "IVR3121" or "IVR1005", $"round {round}: {result.Error}");
        }
    }

    [FfmpegFact]
    public void A_webm_without_audio_is_reported_as_such()
    {
        var directory = Directory.CreateTempSubdirectory("webm-").FullName;
        try
        {
            var video = Path.Combine(directory, "video.webm");
            Ffmpeg.Run("-f", "lavfi", "-i", "color=c=black:s=64x64:d=0.5", "-c:v", "libvpx", "-b:v", "50k", video);
            var probe = AudioProbe.Probe(File.OpenRead(video), "video.webm");

            var error = Assert.Single(probe.Diagnostics, d => d.IsError);
            Assert.Equal("IVR1010", error.Code);
            Assert.Contains("no audio track", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private void AssertLikeLibopus(byte[] webm, float[] ours, int channels, string name, int? judged = null)
    {
        var reference = ReferenceDecodes.DecodeMono(webm, "webm", "libopus", 48000, channels);
        Assert.Equal(reference.Length, ours.Length);
        (reference, ours) = judged is { } length ? (reference[..length], ours[..length]) : (reference, ours);
        var comparison = MatrixComparison.Measure(ours, reference, 48000, 480);
        output.WriteLine($"{name}: {comparison}");
        Assert.Equal(0, comparison.Lag);
        Assert.Equal(reference.Length, ours.Length);
        Assert.True(comparison.SnrDb >= MinimumSnrDb, comparison.ToString());
        Assert.True(comparison.WorstWindowSnrDb >= MinimumWindowSnrDb, comparison.ToString());
    }

    private static byte[] Encode(int sampleRate, int channels, int kbpsPerChannel, bool live, bool constantBitrate = false)
    {
        string[] options = ["-c:a", "libopus", "-b:a", $"{kbpsPerChannel * channels}k", .. (constantBitrate ? new[] { "-vbr", "off" } : []), .. (live ? new[] { "-live", "1" } : [])];
        var signal = channels <= 2 ? Signals.SpeechWithClicks(sampleRate, channels, Seconds) : Signals.Surround(sampleRate, channels, Seconds);
        var webm = ReferenceDecodes.Encode(signal, sampleRate, channels, "webm", options);
        return live ? WebmWriter.WithUnknownClusterSizes(webm) : webm;
    }
}
