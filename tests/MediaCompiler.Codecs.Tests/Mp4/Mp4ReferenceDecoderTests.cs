using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Mp4;
using MediaCompiler.Codecs.Tests.Aac;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// M4A files from ffmpeg's encoder, decoded in-process through the engine's decoder seam (probe → PromptDecoder) and
/// compared with ffmpeg's decode of the same file: normalised cross-correlation of the mono mix, SNR per channel, the
/// alignment (ffmpeg drops the edit list's priming; so must we), and the length. ffmpeg 5.1 keeps the end padding
/// the edit list and the last sample's duration cut off; we honour them, so our length is the source's exactly and
/// ffmpeg's is longer by less than one AAC frame.
/// </summary>
public sealed class Mp4ReferenceDecoderTests(ITestOutputHelper output)
{
    private const int AacFrame = 1024;
    private const double MinimumNcc = 0.9999;
    // The ADTS fixtures' bar. About 70 dB is measured here: ffmpeg's 16-bit output of quiet speech limits it; in float
    // the decoders agree to ~135 dB (AacFaadAgreementTests holds that to 90 dB).
    private const double MinimumSnrDb = 40;

    public static TheoryData<int, int, bool> Matrix()
    {
        var data = new TheoryData<int, int, bool>();
        foreach (var rate in new[] { 8000, 16000, 22050, 44100 })
        {
            foreach (var channels in new[] { 1, 2 })
            {
                data.Add(rate, channels, false);
                data.Add(rate, channels, true);
            }
        }

        return data;
    }

    [FfmpegTheory]
    [MemberData(nameof(Matrix))]
    public void Decodes_like_ffmpeg_trimmed_to_the_source_length(int rate, int channels, bool fastStart)
    {
        var file = Mp4Fixtures.Encode(rate, channels, fastStart);
        var name = $"speech_{rate}_{channels}ch{(fastStart ? "_faststart" : "")}.m4a";
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), name);

        var result = PromptDecoder.Decode(file, name, probe);

        Assert.Equal((AudioContainer.Mp4, "aac"), (probe.Container, probe.Codec));
        Assert.Null(result.Error);
        var mono = result.Audio!;
        var ffmpegMono = Mp4Fixtures.FfmpegDecode(file, mono: true);
        var (ncc, lag) = Measure.BestNcc(ffmpegMono, mono.Samples, AacFrame);
        var perChannel = ChannelSnrs(file, name, channels);
        var source = Mp4Fixtures.SourceSamples(rate, channels);
        output.WriteLine($"{name}: NCC {ncc:F8} (1 - NCC = {1 - ncc:E1}) at lag {lag}; SNR per channel {string.Join(", ", perChannel.Select(s => $"{s:F1} dB"))}; " +
            $"length ours {mono.Samples.Length}, source {source}, ffmpeg {ffmpegMono.Length}");

        Assert.Equal(rate, mono.SampleRate);
        Assert.Equal(0, lag);
        Assert.True(ncc >= MinimumNcc, $"NCC {ncc:F6}");
        Assert.All(perChannel, snr => Assert.True(snr >= MinimumSnrDb, $"SNR {snr:F1} dB"));
        Assert.Equal(source, mono.Samples.Length);
        Assert.InRange(ffmpegMono.Length - mono.Samples.Length, 0, AacFrame - 1);
    }

    /// <summary>
    /// Fragmented MP4 (an empty sample table, samples in 'moof' fragments; what MediaRecorder and live muxers write).
    /// ffmpeg writes no edit list here, so neither decoder drops the priming; ffmpeg still keeps the end padding.
    /// </summary>
    [FfmpegTheory]
    [InlineData(16000, 1)]
    [InlineData(44100, 2)]
    public void Fragmented_files_decode_like_ffmpeg(int rate, int channels)
    {
        var file = Mp4Fixtures.Encode(rate, channels, fastStart: false, extra: "-movflags frag_keyframe+empty_moov -frag_duration 500000");
        var name = $"fragmented_{rate}_{channels}ch.m4a";

        var ours = new Mp4AacDecoder().DecodeChannels(file, name, default).Audio!;

        var reference = Mp4Fixtures.FfmpegDecode(file, mono: false);
        var snrs = Enumerable.Range(0, channels).Select(c => SignalComparison.SnrDb(
            SignalComparison.Channel(ours.Samples, channels, c), SignalComparison.Channel(reference, channels, c), lag: 0)).ToArray();
        output.WriteLine($"{name}: SNR {string.Join(", ", snrs.Select(s => $"{s:F1} dB"))}; length ours {ours.SamplesPerChannel}, ffmpeg {reference.Length / channels}");
        Assert.All(snrs, snr => Assert.True(snr >= MinimumSnrDb, $"SNR {snr:F1} dB"));
        Assert.InRange((reference.Length / channels) - ours.SamplesPerChannel, 0, AacFrame - 1);
        Assert.Equal(Mp4Fixtures.SourceSamples(rate, channels) + AacFrame, ours.SamplesPerChannel);
    }

    [FfmpegFact]
    public async Task The_engine_decodes_M4A_in_process_with_no_ffmpeg_and_no_fallback_warning()
    {
        var file = Mp4Fixtures.Encode(16000, 1, fastStart: false);
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.m4a");
        var noFfmpeg = new EngineDecoder(Path.Combine(Path.GetTempPath(), "no-such-dir", "ffmpeg"), TimeSpan.FromSeconds(30));

        var result = await noFfmpeg.DecodeAsync(file, "prompt.m4a", probe, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Empty(result.Warnings);
        Assert.Equal(Mp4Fixtures.SourceSamples(16000, 1), result.Audio!.Samples.Length);
    }

    [FfmpegFact]
    public void Moov_first_and_moov_last_decode_to_the_same_samples()
    {
        var last = new Mp4AacDecoder().DecodeChannels(Mp4Fixtures.Encode(16000, 2, fastStart: false), "last.m4a", default);
        var first = new Mp4AacDecoder().DecodeChannels(Mp4Fixtures.Encode(16000, 2, fastStart: true), "first.m4a", default);

        Assert.Equal(last.Audio!.Samples, first.Audio!.Samples);
    }

    /// <summary>Our channels against ffmpeg's (its own channel order, no mixing), at the alignment the stream fixes.</summary>
    private static double[] ChannelSnrs(byte[] file, string name, int channels)
    {
        var ours = new Mp4AacDecoder().DecodeChannels(file, name, default).Audio!;
        var reference = Mp4Fixtures.FfmpegDecode(file, mono: false);
        Assert.Equal(channels, ours.Channels);
        return Enumerable.Range(0, channels)
            .Select(c => SignalComparison.SnrDb(
                SignalComparison.Channel(ours.Samples, channels, c), SignalComparison.Channel(reference, channels, c), lag: 0))
            .ToArray();
    }
}
