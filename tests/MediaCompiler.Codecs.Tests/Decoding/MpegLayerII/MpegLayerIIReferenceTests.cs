using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Mp3;
using MediaCompiler.Codecs.Decoding.Mp3.NLayer;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.MpegLayerII;

/// <summary>
/// MPEG audio Layer II as broadcast and DVD tools write it, encoded at test time by ffmpeg's own mp2 encoder and by
/// libtwolame (the encoder behind most broadcast MP2, and the one that writes joint and dual-channel stereo), at every
/// Layer II sample rate of MPEG-1 and MPEG-2: our decode of each channel is held sample by sample, with no lag, to
/// mpg123's and to ffmpeg's float decoder (mp2float). None of the three trims anything from these layers; ffmpeg alone
/// drops the first frames (up to three here) of some libtwolame joint-stereo streams, so it is compared from the frame
/// where both decoders have the same history.
/// </summary>
public sealed class MpegLayerIIReferenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Two float implementations of the same synthesis filter bank differ by rounding only: about 1e-6 of full scale.
    /// A wrongly dequantised subband or a misread allocation gives errors of 1e-2 and more.
    /// </summary>
    private const double MaximumError = 1e-4;

    private const double Seconds = 1.2;

    public static TheoryData<int, string, int, string> Streams()
    {
        var data = new TheoryData<int, string, int, string>();
        foreach (var (rate, low, high) in new[] { (16000, 32, 96), (22050, 32, 128), (24000, 32, 160), (32000, 64, 192), (44100, 64, 256), (48000, 64, 384) })
        {
            data.Add(rate, "mono", low, "mp2");
            data.Add(rate, "stereo", high, "mp2");
            data.Add(rate, "mono", high / 2, "libtwolame");
            data.Add(rate, "joint_stereo", low, "libtwolame");
            data.Add(rate, "joint_stereo", high, "libtwolame");
            data.Add(rate, "dual_channel", high, "libtwolame");
        }

        // MPEG-1 at 48 kbit/s or less per channel: the low-rate allocation tables (8 or 12 subbands).
        foreach (var rate in new[] { 32000, 44100, 48000 })
        {
            data.Add(rate, "mono", 32, "mp2");
            data.Add(rate, "mono", 48, "libtwolame");
            data.Add(rate, "stereo", 96, "mp2");
            data.Add(rate, "joint_stereo", 96, "libtwolame");
        }

        return data;
    }

    [LameTheory]
    [MemberData(nameof(Streams))]
    public void Each_channel_decodes_like_ffmpeg(int sampleRate, string mode, int kbps, string encoder)
    {
        int channels = mode == "mono" ? 1 : 2;
        var mp2 = Encode(Mp3Reference.Speech(sampleRate, channels, Seconds), sampleRate, channels, kbps, encoder, mode);

        var ours = DecodeChannels(mp2, layer: 2);

        AssertSameAsReferences(mp2, channels, ours, samplesPerFrame: 1152, "mp2float", $"{sampleRate} Hz {mode} {kbps} kbit/s ({encoder})");
    }

    [FfmpegFact]
    public void The_prompt_decoder_reads_mp2_files_in_process_and_mixes_them_to_mono()
    {
        var mp2 = Encode(Mp3Reference.Speech(48000, 2, Seconds), 48000, 2, 192, "mp2", "stereo");
        var probe = AudioProbe.Probe(new MemoryStream(mp2, writable: false), "prompt.mp2");
        var stereo = Decode(mp2, 2, "mp2float");
        var reference = stereo[0].Zip(stereo[1], (left, right) => (left + right) * 0.5f).ToArray();

        var result = PromptDecoder.Decode(mp2, "prompt.mp2", probe);

        Assert.Equal("mp2", probe.Codec);
        Assert.Null(result.Error);
        Assert.Equal(48000, result.Audio!.SampleRate);
        AssertSame(reference, result.Audio.Samples, "mono mix");
    }

    /// <summary>The corpus's Layer II prompt (an MPEG-2 stream named .mp3, as ffprobe reports it), decoded with no external program.</summary>
    [LameTheory]
    [InlineData("layer2_16k_mono.mp3")]
    public void The_corpus_layer_ii_prompt_decodes_like_mpg123(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SpeechFixtures.Root, "audio", name));
        var probe = AudioProbe.Probe(new MemoryStream(bytes, writable: false), name);

        var result = PromptDecoder.Decode(bytes, name, probe);

        Assert.Equal("mp2", probe.Codec);
        Assert.Null(result.Error);
        AssertSame(LameReference.DecodeWithMpg123(bytes, 1)[0], result.Audio!.Samples, name);
    }

    /// <summary>
    /// Each channel against mpg123's decode (the whole stream) and ffmpeg's (the same length; or, when ffmpeg dropped
    /// the stream's first frames, from the second frame it kept: the synthesis filter's memory is 512 samples, so the
    /// frame after a missing one differs and the next are the same again).
    /// </summary>
    internal void AssertSameAsReferences(byte[] stream, int channels, List<float>[] ours, int samplesPerFrame, string ffmpegDecoder, string name)
    {
        var mpg123 = LameReference.DecodeWithMpg123(stream, channels);
        var ffmpeg = Decode(stream, channels, ffmpegDecoder);
        for (int c = 0; c < channels; c++)
        {
            AssertSame(mpg123[c], ours[c], $"{name} channel {c} against mpg123");
            int dropped = ours[c].Count - ffmpeg[c].Length;
            Assert.True(dropped >= 0 && dropped % samplesPerFrame == 0 && dropped <= 4 * samplesPerFrame, $"{name}: ffmpeg decoded {ffmpeg[c].Length} samples, we {ours[c].Count}");
            int skip = dropped == 0 ? 0 : samplesPerFrame;
            AssertSame(ffmpeg[c][skip..], ours[c].GetRange(dropped + skip, ffmpeg[c].Length - skip), $"{name} channel {c} against ffmpeg");
        }
    }

    /// <summary>Our decoder's output per channel, before any mix: the channels are compared one by one.</summary>
    internal static List<float>[] DecodeChannels(byte[] stream, int layer)
    {
        var (offset, freeFormatBytes) = MpegStreamStart.Find(stream, layer);
        Assert.True(MpegAudioFrame.TryParse(stream.AsSpan((int)offset), out var first, freeFormatBytes, layer));
        LayerDecoderBase decoder = layer == 1 ? new LayerIDecoder() : new LayerIIDecoder();
        return MpegFrameDecoding.Decode(decoder, stream, (int)offset, first, CancellationToken.None, keepChannels: true).Channels;
    }

    /// <summary>ffmpeg's decode with the named decoder, one float array per channel.</summary>
    internal static float[][] Decode(byte[] stream, int channels, string decoder)
    {
        var directory = Directory.CreateTempSubdirectory("mpeg-layer-").FullName;
        try
        {
            var input = Path.Combine(directory, "in.mp2");
            var raw = Path.Combine(directory, "out.f32");
            File.WriteAllBytes(input, stream);
            Ffmpeg.Run("-c:a", decoder, "-i", input, "-ac", channels.ToString(CultureInfo.InvariantCulture), "-f", "f32le", raw);
            return Mp3Reference.SplitChannels(File.ReadAllBytes(raw), channels);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal void AssertSame(float[] reference, IReadOnlyList<float> ours, string name)
    {
        Assert.Equal(reference.Length, ours.Count);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double error = Math.Abs(reference[i] - ours[i]);
            if (error > worst)
            {
                (worst, at) = (error, i);
            }
        }

        output.WriteLine($"{name}: {ours.Count} samples; largest difference {worst:0.0e0} at sample {at}; RMS {Measure.Rms(reference):0.000}");
        Assert.True(Measure.Rms(reference) > 0.01, $"{name}: the reference is near silence, so it proves nothing");
        Assert.True(worst <= MaximumError, $"{name}: sample {at} differs by {worst:0.0e0} from ffmpeg's ({reference[at]} against {ours[at]})");
    }

    private static byte[] Encode(short[] interleaved, int sampleRate, int channels, int kbps, string encoder, string mode)
    {
        var directory = Directory.CreateTempSubdirectory("mpeg-layer-").FullName;
        try
        {
            var wav = Path.Combine(directory, "in.wav");
            var mp2 = Path.Combine(directory, "out.mp2");
            File.WriteAllBytes(wav, WavWriter.Pcm16(interleaved, sampleRate, channels));
            string[] modeArguments = encoder == "libtwolame" ? ["-mode", mode] : [];
            Ffmpeg.Run(["-i", wav, "-c:a", encoder, .. modeArguments, "-b:a", $"{kbps}k", mp2]);
            return File.ReadAllBytes(mp2);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
