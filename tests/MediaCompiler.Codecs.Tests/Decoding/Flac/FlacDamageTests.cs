using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Flac;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// Damaged FLAC never becomes audio and never throws: a flipped bit, a lost frame, frames that do not match the MD5,
/// each is a coded IVR3120 saying what is wrong; a file cut short (the bytes end where the stream needs more, or
/// fewer samples than STREAMINFO declares) is IVR1005, truncated, which re-encoding cannot mend; and header claims do
/// not size the work (a stream of CONSTANT frames is capped, a huge declared length allocates nothing).
/// </summary>
public sealed class FlacDamageTests(ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Stereo = new(() => FlacReference.EncodeWithFlac(FlacSignals.Mixed(16, 16000, 2, seconds: 1), "-5", "-b", "1024"));

    [FlacToolsFact]
    public void A_file_cut_anywhere_is_a_coded_failure()
    {
        var flac = Stereo.Value;
        int firstFrame = FirstFrameOffset(flac);
        var frames = FrameOffsets(flac);
        foreach (int length in new[] { 0, 3, 10, 41, firstFrame, firstFrame + 3, firstFrame + 20, frames[3], flac.Length / 3, flac.Length / 2, flac.Length - 3, flac.Length - 1 })
        {
            // Less than the "fLaC" marker is no FLAC stream at all; from the marker on, the file is cut short.
            var error = AssertRejected(flac[..length], $"cut at {length}", length < 4 ? "IVR3120" : "IVR1005");
            Assert.DoesNotContain("MD5", error);
        }
    }

    [FlacToolsFact]
    public void Every_single_bit_flip_in_the_frames_is_caught()
    {
        var flac = Stereo.Value;
        int firstFrame = FirstFrameOffset(flac);
        var random = new Random(3);
        for (int trial = 0; trial < 300; trial++)
        {
            var damaged = flac.ToArray();
            int bit = random.Next(firstFrame * 8, flac.Length * 8);
            damaged[bit / 8] ^= (byte)(0x80 >> (bit % 8));
            AssertRejected(damaged, $"bit {bit} flipped");
        }
    }

    [FlacToolsFact]
    public void Noise_after_the_headers_is_a_coded_failure()
    {
        var damaged = Stereo.Value.ToArray();
        new Random(5).NextBytes(damaged.AsSpan(FirstFrameOffset(damaged)));
        AssertRejected(damaged, "noise");
    }

    /// <summary>Frames whose CRCs all hold but which are not the signal STREAMINFO's MD5 describes: only the MD5 can tell.</summary>
    [FlacToolsFact]
    public void Frames_that_do_not_match_the_streaminfo_md5_are_refused_saying_so()
    {
        var first = FlacReference.EncodeWithFlac(FlacSignals.Mixed(16, 16000, 2, seconds: 1, seed: 1), "-5", "-b", "1024");
        var second = FlacReference.EncodeWithFlac(FlacSignals.Mixed(16, 16000, 2, seconds: 1, seed: 2), "-5", "-b", "1024");
        var spliced = first[..FirstFrameOffset(first)].Concat(second[FirstFrameOffset(second)..]).ToArray();
        Assert.Null(FlacDecoder.DecodeIntegers(second).Failure);

        var error = AssertRejected(spliced, "frames of another signal");

        Assert.Contains("MD5", error);
    }

    [FlacToolsFact]
    public void A_changed_md5_in_streaminfo_is_refused_saying_so()
    {
        var damaged = Stereo.Value.ToArray();
        damaged[8 + 4 + 18] ^= 0x01; // "fLaC", the block header, then the MD5 at byte 18 of STREAMINFO
        Assert.Contains("MD5", AssertRejected(damaged, "MD5 changed"));
    }

    [FlacToolsFact]
    public void A_lost_frame_is_refused_even_when_its_neighbours_are_intact()
    {
        var flac = Stereo.Value;
        var frames = FrameOffsets(flac);
        var withoutSecond = flac[..frames[1]].Concat(flac[frames[2]..]).ToArray();
        Assert.Contains("missing or out of order", AssertRejected(withoutSecond, "second frame removed"));
    }

    /// <summary>200 CONSTANT frames of 65536 samples are 13 minutes of audio in a few kilobytes: stopped at the 600 s cap.</summary>
    [Fact]
    public void Constant_frames_standing_for_hours_stop_at_the_duration_cap()
    {
        var stream = new List<byte>(FlacStreamBuilder.StreamStart(16, 65535, 16000, channels: 1, bitsPerSample: 16, totalSamples: 0));
        for (int frame = 0; frame < 200; frame++)
        {
            stream.AddRange(FlacStreamBuilder.Frame(65535, (long)frame * 65535, channelCode: 0, w =>
            {
                w.SubframeHeader(type: 0, wastedBits: 0);
                w.Write(1000, 16);
            }));
        }

        Assert.Contains("more than 600 s", AssertRejected([.. stream], "constant frames"));
    }

    /// <summary>A STREAMINFO declaring 2^36 samples before one short frame: nothing is allocated for the claim.</summary>
    [Fact]
    public void A_huge_declared_length_allocates_nothing_for_it()
    {
        var stream = new List<byte>(FlacStreamBuilder.StreamStart(16, 4096, 16000, channels: 1, bitsPerSample: 16, totalSamples: (1L << 36) - 1));
        stream.AddRange(FlacStreamBuilder.Frame(4096, 0, channelCode: 0, w =>
        {
            w.SubframeHeader(type: 0, wastedBits: 0);
            w.Write(-5, 16);
        }));
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = AssertRejected([.. stream], "huge declared length", "IVR1005");

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("declares 68,719,476,735 samples per channel but the file ends after 4,096", error);
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated");
    }

    /// <summary>Not damage: a valid stream this decoder does not read, refused as such (IVR3121), never misdecoded.</summary>
    [Fact]
    public void Samples_deeper_than_24_bits_are_refused_not_misdecoded()
    {
        byte[] stream = [.. FlacStreamBuilder.StreamStart(16, 4096, 16000, channels: 1, bitsPerSample: 32, totalSamples: 16)];
        var probe = new AudioProbeResult { Path = "prompt.flac", Container = AudioContainer.Flac, Codec = "flac", SizeBytes = stream.Length };

        var result = PromptDecoder.Decode(stream, "prompt.flac", probe);

        Assert.Null(result.Audio);
        Assert.Equal("IVR3121", result.Error?.Code);
        Assert.Contains("32-bit", result.Error!.Message, StringComparison.Ordinal);
    }

    /// <summary>Decodes through the engine's entry point with the intact file's probe (as a file damaged past its header would be probed).</summary>
    private string AssertRejected(byte[] damaged, string what, string code = "IVR3120")
    {
        var probe = new AudioProbeResult { Path = "prompt.flac", Container = AudioContainer.Flac, Codec = "flac", SizeBytes = damaged.Length };

        var result = PromptDecoder.Decode(damaged, "prompt.flac", probe);

        Assert.Null(result.Audio);
        var error = Assert.IsType<Diagnostics.Diagnostic>(result.Error);
        Assert.Equal(code, error.Code);
        Assert.Contains("prompt.flac", error.Message);
        output.WriteLine($"{what}: {error.Message}");
        return error.Message;
    }

    private static int FirstFrameOffset(byte[] flac) => FrameOffsets(flac)[0];

    /// <summary>Where each frame starts, found by decoding the intact file frame by frame (CRC-checked, so no false syncs).</summary>
    private static List<int> FrameOffsets(byte[] flac)
    {
        var offsets = new List<int>();
        int offset = FlacStreamHeader.Read(flac).FirstFrameOffset;
        for (int end = offset + 1; end <= flac.Length; end++)
        {
            if (end == flac.Length || (end + 1 < flac.Length && flac[end] == 0xFF && (flac[end + 1] & 0xFE) == 0xF8 && FlacCrc.Crc16(flac.AsSpan(offset, end - offset)) == 0))
            {
                offsets.Add(offset);
                offset = end;
            }
        }

        return offsets;
    }
}
