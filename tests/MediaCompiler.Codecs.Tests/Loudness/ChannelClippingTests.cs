using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Loudness;

/// <summary>
/// Clipping counted in each channel before the mix: a hard-clipped left channel beside a quiet right one mixes to a
/// signal well under full scale, which the mono check alone passed as clean.
/// </summary>
public sealed class ChannelClippingTests : IDisposable
{
    private const int Rate = 16000;
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("channel-clipping-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void One_channel_counts_the_runs_the_mono_measurement_counts()
    {
        // SignalStatistics counted runs of full-scale samples long before ChannelClipping existed: on one channel, with
        // any minimum run, the two must agree.
        var random = new Random(4021);
        for (int round = 0; round < 200; round++)
        {
            var samples = new float[random.Next(1, 400)];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = random.Next(3) == 0 ? (random.Next(2) == 0 ? 1f : -1.2f) : (float)(random.NextDouble() - 0.5);
            }

            var tracker = new ChannelClipping.Tracker(1);
            foreach (float sample in samples)
            {
                tracker.Add(0, sample);
            }

            var clipping = tracker.Finish();
            for (int minimumRun = 1; minimumRun <= 5; minimumRun++)
            {
                var mono = SignalStatistics.Measure(samples, Rate, minimumRun);
                Assert.Equal((mono.ClippedSamples, mono.ClippedRuns), clipping.Worst(minimumRun));
            }
        }
    }

    [Fact]
    public void A_clipped_channel_beside_a_quiet_one_is_clipping_though_the_mix_is_not()
    {
        var (wav, clippedLeft) = HotLeftChannel();
        var audio = Decode(wav, "stereo.wav");

        Assert.Equal(0, SignalStatistics.Measure(audio.Samples, audio.SampleRate).ClippedSamples);
        Assert.Equal(clippedLeft, audio.Clipping!.Worst(SignalStatistics.DefaultMinimumClippedRun).Samples);

        var thresholds = new QualityThresholds();
        var report = PromptQualityAnalyzer.Measure(audio.Samples, audio.SampleRate, thresholds, audio.Clipping);
        var warning = Assert.Single(PromptQualityAnalyzer.Analyze(report, thresholds, "stereo.wav"), d => d.Code == "IVR1602");
        Assert.Contains($"has {clippedLeft} clipped sample(s)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mono_source_has_no_channel_counts()
    {
        var audio = Decode(WavWriter.Pcm16(Tone(Rate, 0.5f, 1), Rate), "mono.wav");

        Assert.Null(audio.Clipping);
    }

    /// <summary>
    /// Each decoder that mixes counts the channels first: the hot-left recording encoded by ffmpeg, decoded by us, has
    /// the clipped samples ffmpeg's own decoding of the same file has in its left channel (lossy decoders differ by a few).
    /// </summary>
    [FfmpegTheory]
    [InlineData("flac", "flac", 0)]
    [InlineData("ogg", "libvorbis", 0.01)]
    // Opus: ffmpeg's own decoder, not libopus (which, through ffmpeg, soft-clips to no full-scale sample at all); it and
    // Concentus (a port of libopus) differ by a few hundredths in how many samples reach full scale.
    [InlineData("opus", "libopus", 0.05)]
    [InlineData("m4a", "aac", 0.01)]
    [InlineData("mp2", "mp2", 0.01)]
    [InlineData("wav", "adpcm_ms", 0.01)]
    public void Decoders_count_each_channel_as_ffmpeg_decodes_it(string extension, string codec, double tolerance)
    {
        var source = Path.Combine(_temp.FullName, "hot-left.wav");
        File.WriteAllBytes(source, HotLeftChannel().Wav);
        var encoded = Path.Combine(_temp.FullName, "hot-left-" + codec + "." + extension);
        Ffmpeg.Run("-i", source, "-c:a", codec, encoded);
        var reference = Path.Combine(_temp.FullName, "reference.f32");
        Ffmpeg.Run("-i", encoded, "-ac", "2", "-f", "f32le", "-c:a", "pcm_f32le", reference);
        long expected = ClippedInLeft(File.ReadAllBytes(reference));

        var audio = Decode(File.ReadAllBytes(encoded), Path.GetFileName(encoded));

        long measured = audio.Clipping!.Worst(SignalStatistics.DefaultMinimumClippedRun).Samples;
        Assert.True(expected > 0, "the encoded file should keep clipping for the comparison to mean anything");
        Assert.InRange(measured, expected - Math.Max(8, (long)(expected * tolerance)), expected + Math.Max(8, (long)(expected * tolerance)));
    }

    private static Wav.DecodedAudio Decode(byte[] content, string fileName)
    {
        var probe = AudioProbe.Probe(new MemoryStream(content, writable: false), fileName);
        var result = PromptDecoder.Decode(content, fileName, probe);
        return result.Audio ?? throw new InvalidOperationException(result.Error?.ToString());
    }

    /// <summary>
    /// Two seconds of stereo 16-bit PCM: a 300 Hz tone driven four times past full scale and hard-clipped on the left,
    /// the same tone at an eighth on the right. Also the left channel's clipped samples, counted here in runs of 3.
    /// </summary>
    private static (byte[] Wav, long ClippedLeft) HotLeftChannel()
    {
        int frames = Rate * 2;
        var interleaved = new short[frames * 2];
        long clipped = 0;
        int run = 0;
        for (int i = 0; i < frames; i++)
        {
            double tone = Math.Sin(2 * Math.PI * 300 * i / Rate);
            short left = (short)Math.Clamp(Math.Round(4 * 32767 * tone), -32768, 32767);
            interleaved[2 * i] = left;
            interleaved[(2 * i) + 1] = (short)Math.Round(32767 * tone / 8);
            run = left is 32767 or -32768 ? run + 1 : 0;
            clipped += run == 3 ? 3 : run > 3 ? 1 : 0;
        }

        return (WavWriter.Pcm16(interleaved, Rate, channels: 2), clipped);
    }

    private static short[] Tone(int rate, float amplitude, double seconds) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (short)(amplitude * 32767 * Math.Sin(2 * Math.PI * 440 * i / rate))).ToArray();

    /// <summary>Samples of the left channel of interleaved stereo floats in full-scale runs of at least 3.</summary>
    private static long ClippedInLeft(byte[] f32Stereo)
    {
        long clipped = 0;
        int run = 0;
        for (int offset = 0; offset + 8 <= f32Stereo.Length; offset += 8)
        {
            float left = BinaryPrimitives.ReadSingleLittleEndian(f32Stereo.AsSpan(offset));
            if (Math.Abs(left) >= 32767f / 32768f)
            {
                run++;
            }
            else
            {
                clipped += run >= 3 ? run : 0;
                run = 0;
            }
        }

        return clipped + (run >= 3 ? run : 0);
    }
}
