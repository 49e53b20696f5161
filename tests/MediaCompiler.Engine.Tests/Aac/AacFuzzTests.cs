using MediaCompiler.Engine.Decoding.Aac;

namespace MediaCompiler.Engine.Tests.Aac;

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
                Assert.Matches("^IVR314[0-6]$", error.Code);
            }
            else
            {
                Assert.All(result.Audio!.Samples, s => Assert.True(s is >= -1f and <= 1f));
            }
        }

        // The damage must actually reach the parser's checks, or this test proves nothing.
        Assert.InRange(rejected, 1, Iterations);
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
