using MediaCompiler.Codecs.Decoding.Flac;

namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// The corners of the format that neither flac nor ffmpeg writes, in a stream built by hand and decoded by xiph flac
/// as the oracle: variable block sizes (frames numbered by their first sample), escaped residual partitions (with raw
/// bits, and with zero bits), Rice2 parameters above 14, Rice parameter 0, LPC over wasted bits, VERBATIM and CONSTANT
/// side channels.
/// </summary>
public sealed class FlacHandBuiltStreamTests
{
    [FlacToolsFact]
    public void A_hand_built_stream_of_the_rarer_tools_decodes_like_flac()
    {
        var random = new Random(7);
        var stream = new List<byte>(FlacStreamBuilder.StreamStart(minBlock: 37, maxBlock: 300, 16000, channels: 2, bitsPerSample: 16, totalSamples: 437));

        // Frame 0, 100 samples, independent channels.
        stream.AddRange(FlacStreamBuilder.Frame(100, 0, channelCode: 1, w =>
        {
            // FIXED order 1 over a Rice2 residual in 4 partitions: parameter 20, escaped 9-bit, escaped 0-bit, parameter 3.
            w.SubframeHeader(type: 9, wastedBits: 0);
            w.Write(1000, 16);
            w.Write(1, 2);
            w.Write(2, 4);
            w.Write(20, 5);
            for (int i = 0; i < 24; i++)
            {
                w.WriteRice(random.Next(-40, 41), 20);
            }

            w.Write(31, 5);
            w.Write(9, 5);
            for (int i = 0; i < 25; i++)
            {
                w.Write(random.Next(-256, 256), 9);
            }

            w.Write(31, 5);
            w.Write(0, 5);
            w.Write(3, 5);
            for (int i = 0; i < 25; i++)
            {
                w.WriteRice(random.Next(-20, 21), 3);
            }

            // LPC order 3 over 2 wasted bits (14-bit samples): precision 12, shift 9, a stable predictor, Rice parameter 0.
            w.SubframeHeader(type: 32 + 2, wastedBits: 2);
            foreach (int warmUp in new[] { 300, -200, 100 })
            {
                w.Write(warmUp, 14);
            }

            w.Write(11, 4);
            w.Write(9, 5);
            foreach (int coefficient in new[] { 256, 128, -64 })
            {
                w.Write(coefficient, 12);
            }

            w.Write(0, 2);
            w.Write(0, 4);
            w.Write(0, 4);
            for (int i = 0; i < 97; i++)
            {
                w.WriteRice(random.Next(-3, 4), 0);
            }
        }));

        // Frame 1, 37 samples from sample 100, mid-side: VERBATIM mid, CONSTANT 17-bit side.
        stream.AddRange(FlacStreamBuilder.Frame(37, 100, channelCode: 10, w =>
        {
            w.SubframeHeader(type: 1, wastedBits: 0);
            for (int i = 0; i < 37; i++)
            {
                w.Write(random.Next(-2000, 2001), 16);
            }

            w.SubframeHeader(type: 0, wastedBits: 0);
            w.Write(-3, 17);
        }));

        // Frame 2, 300 samples from sample 137, left-side: FIXED order 0 with a Rice escape (parameter 15) of 16 raw
        // bits, then a 17-bit side channel of FIXED order 2 extrapolating its warm-up (a ramp).
        stream.AddRange(FlacStreamBuilder.Frame(300, 137, channelCode: 8, w =>
        {
            w.SubframeHeader(type: 8, wastedBits: 0);
            w.Write(0, 2);
            w.Write(1, 4);
            w.Write(15, 4);
            w.Write(16, 5);
            for (int i = 0; i < 150; i++)
            {
                w.Write(random.Next(-30000, 30001), 16);
            }

            w.Write(5, 4);
            for (int i = 0; i < 150; i++)
            {
                w.WriteRice(random.Next(-500, 501), 5);
            }

            w.SubframeHeader(type: 8 + 2, wastedBits: 0);
            w.Write(5, 17);
            w.Write(8, 17);
            w.Write(0, 2);
            w.Write(0, 4);
            w.Write(0, 4);
            for (int i = 0; i < 298; i++)
            {
                w.WriteRice(0, 0);
            }
        }));

        var flac = stream.ToArray();
        var reference = FlacReference.DecodeWithFlac(flac);
        var usage = new FlacToolUsage();

        var (samples, header, failure) = FlacDecoder.DecodeIntegers(flac, usage);

        Assert.Null(failure);
        Assert.Equal(437 * 2, reference.Interleaved.Length);
        Assert.Equal(reference.Interleaved, samples);
        Assert.Equal(16000, header!.SampleRate);
        foreach (var tool in new[] { FlacTool.VariableBlockSize, FlacTool.EscapedPartition, FlacTool.Rice2, FlacTool.WastedBits, FlacTool.Verbatim, FlacTool.Constant, FlacTool.MidSide, FlacTool.LeftSide })
        {
            Assert.True(usage[tool] > 0, $"{tool} was not decoded: {usage}");
        }
    }
}
