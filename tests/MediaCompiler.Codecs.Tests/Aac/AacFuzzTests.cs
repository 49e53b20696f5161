using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// Damaged streams, made reproducibly from real fixtures with a fixed seed: the decoder must never throw or hang,
/// and must answer each with either audio in [-1, 1] or one of its own codes.
/// </summary>
public class AacFuzzTests
{
    private const int Iterations = 300;

    [Theory]
    [InlineData("speech_8k_mono", 1)]
    [InlineData("tones_44k_stereo_ms", 2)]
    [InlineData("chord_44k_stereo_is", 3)]
    [InlineData("noise_44k_mono_pns", 4)]
    [InlineData("speech_16k_mono", 5)]
    public void Damaged_streams_give_audio_or_a_coded_rejection(string name, int seed)
    {
        var original = AacFixtures.Stream(name);
        var random = new Random(seed);
        var rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var damaged = Damage(original, random);

            var result = AdtsAacDecoder.Decode(damaged);

            Assert.True(result.Audio is null != (result.Error is null), "exactly one of audio and error");
            if (result.Error is { } error)
            {
                rejected++;
                Assert.Matches("^IVR(314[0-6]|1005)$", error.Code); // IVR1005: cut short
            }
            else
            {
                Assert.All(result.Audio!.Samples, s => Assert.True(s is >= -1f and <= 1f));
            }
        }

        // The damage must actually reach the parser's checks, or this test proves nothing.
        Assert.InRange(rejected, 1, Iterations);
    }

    [Fact]
    public void Random_payloads_behind_valid_headers_give_audio_or_a_coded_rejection()
    {
        // Valid ADTS headers (mono and stereo) in front of random bits: every parser path meets garbage.
        var random = new Random(6);
        var rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var header = new AdtsFrameBuilder().Build(sampleRateIndex: random.Next(12), channelConfiguration: random.Next(1, 3));
            var payload = new byte[random.Next(1, 400)];
            random.NextBytes(payload);
            var frame = WithLength([.. header, .. payload]);

            var result = AdtsAacDecoder.Decode(frame);

            Assert.True(result.Audio is null != (result.Error is null), "exactly one of audio and error");
            rejected += result.Error is null ? 0 : 1;
        }

        Assert.InRange(rejected, 1, Iterations);
    }

    // Rewrites aac_frame_length (13 bits over header bytes 3-5) to the frame's actual length.
    private static byte[] WithLength(byte[] frame)
    {
        var length = frame.Length;
        frame[3] = (byte)((frame[3] & 0xFC) | (length >> 11));
        frame[4] = (byte)((length >> 3) & 0xFF);
        frame[5] = (byte)((frame[5] & 0x1F) | ((length & 7) << 5));
        return frame;
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        var damaged = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                // Flip a few bits anywhere after the first header.
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    damaged[random.Next(7, damaged.Length)] ^= (byte)(1 << random.Next(8));
                }

                return damaged;
            case 1:
                // Overwrite a run with random bytes.
                var start = random.Next(7, damaged.Length - 32);
                random.NextBytes(damaged.AsSpan(start, random.Next(1, 32)));
                return damaged;
            default:
                // Cut anywhere.
                return damaged.AsSpan(0, random.Next(0, damaged.Length)).ToArray();
        }
    }
}
