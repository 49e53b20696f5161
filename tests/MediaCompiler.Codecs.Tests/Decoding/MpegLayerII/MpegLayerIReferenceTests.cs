using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding.MpegLayerII;

/// <summary>
/// MPEG audio Layer I. No encoder here writes it (ffmpeg and libtwolame write Layer II only), so the streams are
/// written by the test: valid frames of random bit allocations, scalefactors and samples in every channel mode
/// (intensity-stereo bounds of joint stereo included), at MPEG-1 and MPEG-2 rates. What they sound like does not
/// matter; what they decode to is given by mpg123 and ffmpeg (mp1float), and ours must be the same, sample by sample.
/// </summary>
public sealed class MpegLayerIReferenceTests(ITestOutputHelper output)
{
    private const int Frames = 24;

    /// <summary>Header mode bits: stereo, joint stereo, dual channel, single channel.</summary>
    private const int Stereo = 0, JointStereo = 1, DualChannel = 2, Mono = 3;

    public static TheoryData<int, int, int, int> Streams()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var (rate, bitrateIndex) in new[] { (32000, 4), (44100, 8), (48000, 14), (16000, 6), (22050, 10), (24000, 14) })
        {
            data.Add(rate, bitrateIndex, Mono, 0);
            data.Add(rate, bitrateIndex, Stereo, 0);
            data.Add(rate, bitrateIndex, DualChannel, 0);
            data.Add(rate, bitrateIndex, JointStereo, rate % 3);
            data.Add(rate, bitrateIndex, JointStereo, 3);
        }

        return data;
    }

    [LameTheory]
    [MemberData(nameof(Streams))]
    public void Random_valid_frames_decode_like_mpg123_and_ffmpeg(int sampleRate, int bitrateIndex, int mode, int modeExtension)
    {
        var stream = RandomStream(new Random(sampleRate + (bitrateIndex * 7) + (mode * 131) + modeExtension), sampleRate, bitrateIndex, mode, modeExtension);
        int channels = mode == Mono ? 1 : 2;

        var ours = MpegLayerIIReferenceTests.DecodeChannels(stream, layer: 1);

        Assert.Equal(Frames * 384, ours[0].Count);
        new MpegLayerIIReferenceTests(output).AssertSameAsReferences(stream, channels, ours, samplesPerFrame: 384, "mp1float",
            $"{sampleRate} Hz, bitrate index {bitrateIndex}, mode {mode}/{modeExtension}");
    }

    /// <summary>
    /// Frames of the given header fields (no CRC, no padding), each with random allocations (0-14: 15 is forbidden)
    /// cut back until the frame's bits hold them, random scalefactors (0-62: 63 is invalid; kept to 9-40 so that
    /// the sum of 32 subbands stays near full scale) and random samples (all ones is forbidden).
    /// </summary>
    private static byte[] RandomStream(Random random, int sampleRate, int bitrateIndex, int mode, int modeExtension)
    {
        bool mpeg1 = sampleRate >= 32000;
        int[] kbpsTable = mpeg1 ? [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448] : [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256];
        int rateIndex = sampleRate switch { 44100 or 22050 => 0, 48000 or 24000 => 1, _ => 2 };
        int frameBytes = 12 * kbpsTable[bitrateIndex] * 1000 / sampleRate * 4;
        int channels = mode == Mono ? 1 : 2;
        int bound = mode == JointStereo ? 4 * (modeExtension + 1) : 32;

        var bits = new BitWriter();
        for (int frame = 0; frame < Frames; frame++)
        {
            int start = bits.Length;
            bits.Write(0xFFF, 12);
            bits.Write(mpeg1 ? 1 : 0, 1);
            bits.Write(0b11, 2);   // Layer I
            bits.Write(1, 1);      // no CRC
            bits.Write(bitrateIndex, 4);
            bits.Write(rateIndex, 2);
            bits.Write(0, 2);      // no padding, private bit
            bits.Write(mode, 2);
            bits.Write(modeExtension, 2);
            bits.Write(0, 4);      // copyright, original, emphasis

            var allocation = new int[2, 32];
            for (int sb = 0; sb < 32; sb++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    allocation[ch, sb] = sb < bound || ch == 0 ? random.Next(15) : allocation[0, sb];
                }
            }

            while (FrameBits(allocation, channels, bound) > (frameBytes * 8) - 32)
            {
                int sb = random.Next(32);
                for (int ch = 0; ch < channels; ch++)
                {
                    if (ch == 0 || sb < bound)
                    {
                        allocation[ch, sb] = 0;
                    }
                }

                if (sb >= bound)
                {
                    allocation[1, sb] = 0;
                }
            }

            for (int sb = 0; sb < 32; sb++)
            {
                for (int ch = 0; ch < (sb < bound ? channels : 1); ch++)
                {
                    bits.Write(allocation[ch, sb], 4);
                }
            }

            for (int sb = 0; sb < 32; sb++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    if (allocation[ch, sb] != 0)
                    {
                        bits.Write(random.Next(9, 41), 6);
                    }
                }
            }

            for (int s = 0; s < 12; s++)
            {
                for (int sb = 0; sb < 32; sb++)
                {
                    for (int ch = 0; ch < (sb < bound ? channels : 1); ch++)
                    {
                        int nb = allocation[ch, sb] + 1;
                        if (nb > 1)
                        {
                            bits.Write(random.Next((1 << nb) - 1), nb);
                        }
                    }
                }
            }

            bits.Write(0, (frameBytes * 8) - (bits.Length - start));
        }

        return bits.ToArray();
    }

    /// <summary>A frame's bits: header, allocations, a scalefactor per allocated subband and channel, 12 samples each.</summary>
    private static int FrameBits(int[,] allocation, int channels, int bound)
    {
        int total = 32 + (4 * ((bound * channels) + (32 - bound)));
        for (int sb = 0; sb < 32; sb++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                if (allocation[ch, sb] != 0)
                {
                    total += 6 + (ch == 0 || sb < bound ? 12 * (allocation[ch, sb] + 1) : 0);
                }
            }
        }

        return total;
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bits;

        public int Length => _bits;

        public void Write(int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (_bits % 8 == 0)
                {
                    _bytes.Add(0);
                }

                if (((value >> i) & 1) != 0)
                {
                    _bytes[^1] |= (byte)(0x80 >> (_bits % 8));
                }

                _bits++;
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
