using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Flac;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// Our FLAC decoder against xiph's flac, on files made at test time by flac and by ffmpeg's encoder from synthetic
/// signals: the integer samples must be identical, bit for bit, to flac's decode (and so to the signal encoded, FLAC
/// being lossless), over every bit depth, the common rates, mono and stereo, every stereo decorrelation mode and a
/// spread of encoder settings (compression levels, LPC orders up to 32, block sizes from 192 to 16384).
/// </summary>
public sealed class FlacReferenceDecoderTests(ITestOutputHelper output)
{
    public static TheoryData<int, int, int> DepthRateChannels()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int bits in new[] { 8, 16, 24 })
        {
            foreach (int rate in new[] { 8000, 16000, 44100, 48000 })
            {
                foreach (int channels in new[] { 1, 2 })
                {
                    data.Add(bits, rate, channels);
                }
            }
        }

        return data;
    }

    [FlacToolsTheory]
    [MemberData(nameof(DepthRateChannels))]
    public void Every_depth_rate_and_channel_count_decodes_bit_exact(int bits, int rate, int channels)
    {
        var pcm = FlacSignals.Mixed(bits, rate, channels);
        AssertBitExact(pcm, FlacReference.EncodeWithFlac(pcm, "-5"), $"{bits}-bit {rate} Hz {channels} ch");
    }

    public static TheoryData<string> FlacSettings() =>
    [
        "-0", "-1", "-2", "-3", "-4", "-6", "-7", "-8", "-8 -e -p", "--no-mid-side", "-l 0", "-l 32 --lax", "-8 -l 32 -e --lax",
        "-b 192", "-b 200", "-b 576", "-b 1000", "-b 4608", "-b 16384 --lax", "-r 0", "-r 8 -8", "-q 5 -l 16 --lax", "-q 15 -l 32 --lax",
    ];

    [FlacToolsTheory]
    [MemberData(nameof(FlacSettings))]
    public void Every_flac_setting_decodes_bit_exact(string settings)
    {
        foreach (int bits in new[] { 16, 24 })
        {
            var pcm = FlacSignals.Mixed(bits, 44100, 2, seed: settings.Length);
            AssertBitExact(pcm, FlacReference.EncodeWithFlac(pcm, settings.Split(' ')), $"{bits}-bit flac {settings}");
        }
    }

    public static TheoryData<int, int> UnusualDepthsAndRates() => new()
    {
        { 12, 8000 }, { 20, 16000 }, { 16, 11025 }, { 16, 12000 }, { 16, 22050 }, { 24, 32000 }, { 16, 96000 }, { 8, 24000 },
    };

    /// <summary>12- and 20-bit samples and rates coded in the frame header's other ways (kHz, Hz, tens of Hz).</summary>
    [FlacToolsTheory]
    [MemberData(nameof(UnusualDepthsAndRates))]
    public void Unusual_depths_and_rates_decode_bit_exact(int bits, int rate)
    {
        var pcm = FlacSignals.Mixed(bits, rate, 2, seconds: 0.8);
        AssertBitExact(pcm, FlacReference.EncodeWithFlac(pcm, "-8"), $"{bits}-bit {rate} Hz");
    }

    public static TheoryData<string, int> FfmpegSettings()
    {
        var data = new TheoryData<string, int>();
        foreach (var settings in new[]
        {
            "-ch_mode indep", "-ch_mode left_side", "-ch_mode right_side", "-ch_mode mid_side",
            "-lpc_type fixed", "-compression_level 12", "-exact_rice_parameters 1 -multi_dim_quant 1",
            "-strict -2 -lpc_type levinson -min_prediction_order 32 -max_prediction_order 32 -prediction_order_method search",
        })
        {
            data.Add(settings, 16);
            data.Add(settings, 24);
        }

        return data;
    }

    /// <summary>ffmpeg's encoder, which can force each stereo mode for every frame and makes different choices from flac's.</summary>
    [FlacToolsTheory]
    [MemberData(nameof(FfmpegSettings))]
    public void Ffmpeg_encoded_files_decode_bit_exact(string settings, int bits)
    {
        var pcm = FlacSignals.Mixed(bits, 16000, 2, seed: settings.Length);
        AssertBitExact(pcm, FlacReference.EncodeWithFfmpeg(pcm, settings.Split(' ')), $"{bits}-bit ffmpeg {settings}");
    }

    [FlacToolsFact]
    public void The_matrix_reaches_every_subframe_type_residual_coding_and_stereo_mode()
    {
        var usage = new FlacToolUsage();
        foreach (var (bits, settings) in new[] { (16, "-8"), (24, "-8"), (16, "-l 0"), (24, "-l 32 --lax"), (8, "-5") })
        {
            var pcm = FlacSignals.Mixed(bits, 16000, 2);
            Decode(FlacReference.EncodeWithFlac(pcm, settings.Split(' ')), usage);
        }

        foreach (var mode in new[] { "left_side", "right_side", "mid_side" })
        {
            Decode(FlacReference.EncodeWithFfmpeg(FlacSignals.Mixed(16, 16000, 2), "-ch_mode", mode), usage);
        }

        output.WriteLine(usage.ToString());
        foreach (var tool in new[]
        {
            FlacTool.Constant, FlacTool.Verbatim, FlacTool.Fixed0, FlacTool.Fixed1, FlacTool.Fixed2, FlacTool.Fixed3, FlacTool.Fixed4,
            FlacTool.Lpc, FlacTool.WastedBits, FlacTool.Rice, FlacTool.Rice2, FlacTool.Independent, FlacTool.LeftSide,
            FlacTool.RightSide, FlacTool.MidSide,
        })
        {
            Assert.True(usage[tool] > 0, $"no file of the matrix used {tool}: {usage}");
        }

        Assert.True(usage.HighestLpcOrder > 12, $"the highest LPC order decoded was {usage.HighestLpcOrder}");
    }

    /// <summary>The FLAC files of the fixture corpus (one named .wav), as the probe finds them: real files from another encoder.</summary>
    [FlacToolsTheory]
    [InlineData("prompt_16k_mono.flac")]
    [InlineData("flac_named.wav")]
    public void The_corpus_flac_files_decode_bit_exact(string name)
    {
        var flac = File.ReadAllBytes(Path.Combine(TestSupport.SpeechFixtures.Root, "audio", name));
        var reference = FlacReference.DecodeWithFlac(flac);

        var (samples, _) = Decode(flac, new FlacToolUsage());

        Assert.Equal(reference.Interleaved, samples);
    }

    /// <summary>The engine's path: the probe's container and codec pick our decoder, which gives the mono mix (the average of the channels) at the file's rate.</summary>
    [FlacToolsTheory]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(2, 24)]
    [InlineData(3, 16)]
    public void PromptDecoder_decodes_flac_to_the_mono_mix_of_the_reference(int channels, int bits)
    {
        var pcm = FlacSignals.Mixed(bits, 16000, channels);
        var flac = FlacReference.EncodeWithFlac(pcm, "-5");
        var reference = FlacReference.DecodeWithFlac(flac);
        var probe = AudioProbe.Probe(new MemoryStream(flac, writable: false), "prompt.flac");
        Assert.True(PromptDecoder.CanDecode(probe));

        var result = PromptDecoder.Decode(flac, "prompt.flac", probe);

        Assert.Null(result.Error);
        var audio = Assert.IsType<Wav.DecodedAudio>(result.Audio);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(reference.Interleaved.Length / channels, audio.Samples.Length);
        double fullScale = 1 << (bits - 1);
        for (int i = 0; i < audio.Samples.Length; i++)
        {
            double expected = reference.Interleaved.AsSpan(i * channels, channels).ToArray().Average() / fullScale;
            Assert.True(Math.Abs(expected - audio.Samples[i]) < 1e-6, $"sample {i}: {audio.Samples[i]} where the reference mix is {expected}");
        }
    }

    /// <summary>A cancelled build stops the decode between frames, as every managed decoder does.</summary>
    [FlacToolsFact]
    public void A_cancelled_decode_stops_with_the_cancellation()
    {
        var flac = FlacReference.EncodeWithFlac(FlacSignals.Mixed(16, 16000, 1), "-5");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => new FlacDecoder().Decode(flac, "prompt.flac", cancelled.Token));
    }

    /// <summary>
    /// flac 1.4 writes 32-bit streams, which this decoder does not read: a valid file it cannot decode in-process
    /// (IVR3121, saying why), never "damaged" (IVR3120), which would send the user hunting for a fault in the file.
    /// </summary>
    [FlacToolsFact]
    public void A_32_bit_stream_is_named_not_decodable_in_process_rather_than_damaged()
    {
        var flac = FlacReference.EncodeWithFlac(FlacSignals.Mixed(32, 16000, 1, seconds: 0.5), "-5");
        var probe = AudioProbe.Probe(new MemoryStream(flac, writable: false), "prompt.flac");

        var result = PromptDecoder.Decode(flac, "prompt.flac", probe);

        Assert.Equal(32, probe.BitsPerSample);
        Assert.Equal("IVR3121", result.Error?.Code);
        Assert.Contains("32-bit samples", result.Error!.Message, StringComparison.Ordinal);
    }

    private void AssertBitExact(IntegerPcm source, byte[] flac, string what)
    {
        var reference = FlacReference.DecodeWithFlac(flac);
        Assert.Equal(source.Interleaved, reference.Interleaved); // the oracle itself: FLAC is lossless
        var usage = new FlacToolUsage();
        var (samples, header) = Decode(flac, usage);
        output.WriteLine($"{what}: {flac.Length} bytes; {usage}");
        Assert.Equal(reference.BitsPerSample, header.BitsPerSample);
        Assert.Equal(reference.SampleRate, header.SampleRate);
        Assert.Equal(reference.Channels, header.Channels);
        Assert.Equal(reference.Interleaved.Length, samples.Length);
        int firstDifference = samples.AsSpan().CommonPrefixLength(reference.Interleaved);
        firstDifference = firstDifference == samples.Length ? -1 : firstDifference;
        Assert.True(firstDifference < 0, $"{what}: sample {firstDifference} is {(firstDifference < 0 ? 0 : samples[firstDifference])}, flac gives {(firstDifference < 0 ? 0 : reference.Interleaved[firstDifference])}");
    }

    private static (int[] Samples, FlacStreamHeader Header) Decode(byte[] flac, FlacToolUsage usage)
    {
        var (samples, header, failure) = FlacDecoder.DecodeIntegers(flac, usage);
        Assert.Null(failure);
        return (samples!, header!);
    }
}
