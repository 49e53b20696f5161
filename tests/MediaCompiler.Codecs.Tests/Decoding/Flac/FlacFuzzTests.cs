using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Decoding.Flac;

namespace MediaCompiler.Codecs.Tests.Decoding.Flac;

/// <summary>
/// Damage made reproducibly with fixed seeds: the FLAC decoder never throws and never runs away, and answers each
/// damaged stream with a coded IVR3120 or, when the damage missed the audio (flac writes a tag and 8 KiB of padding
/// before the frames), with exactly the undamaged file's audio: never with garbage.
/// </summary>
public sealed class FlacFuzzTests
{
    private const int Iterations = 300;

    [FlacToolsTheory]
    [InlineData(1, 16, 1)]
    [InlineData(2, 24, 2)]
    [InlineData(2, 8, 3)]
    public void Damaged_streams_give_audio_or_a_coded_rejection(int channels, int bits, int seed)
    {
        var original = FlacReference.EncodeWithFlac(FlacSignals.Mixed(bits, 16000, channels, seconds: 0.5, seed: seed), "-8", "-b", "576");
        var intact = new FlacDecoder().Decode(original, "fuzz.flac", CancellationToken.None).Audio!.Samples;
        var random = new Random(seed);
        int rejected = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var damaged = Damage(original, random);

            var result = new FlacDecoder().Decode(damaged, "fuzz.flac", CancellationToken.None);

            if (result.Audio is { } audio)
            {
                Assert.Null(result.Error);
                Assert.True(audio.Samples.AsSpan().SequenceEqual(intact), $"iteration {i}: damaged input decoded to different audio");
            }
            else
            {
                // Damaged (IVR3120), or cut short where the damage shortened the file (IVR1005).
                Assert.Contains(result.Error!.Code, new[] { "IVR3120", "IVR1005" });
                rejected++;
            }
        }

        Assert.InRange(rejected, Iterations / 2, Iterations);
    }

    /// <summary>Valid frame headers (CRC-8 right) in front of random bits: every subframe parser path meets garbage.</summary>
    [Fact]
    public void Random_payloads_behind_valid_frame_headers_are_coded_rejections()
    {
        var random = new Random(9);
        for (int i = 0; i < Iterations; i++)
        {
            int channels = random.Next(1, 3);
            var stream = new List<byte>(FlacStreamBuilder.StreamStart(16, 4096, 16000, channels, bitsPerSample: 16, totalSamples: 0));
            int blockSize = random.Next(1, 4097);
            int channelCode = channels == 1 ? 0 : random.Next(1, 11);
            var header = FlacStreamBuilder.Frame(blockSize, 0, channelCode, _ => { });
            stream.AddRange(header.AsSpan(0, header.Length - 2).ToArray()); // the header, without the empty frame's CRC-16
            var payload = new byte[random.Next(1, 3000)];
            random.NextBytes(payload);
            stream.AddRange(payload);

            Assert.False(Decode([.. stream]), $"iteration {i}: random bits decoded as audio");
        }
    }

    /// <summary>True for audio (in range), false for a coded rejection; anything else fails the test.</summary>
    private static bool Decode(byte[] content)
    {
        var result = new FlacDecoder().Decode(content, "fuzz.flac", CancellationToken.None);
        Assert.True(result.Audio is null != (result.Error is null), "exactly one of audio and error");
        if (result.Error is { } error)
        {
            Assert.Equal("IVR3120", error.Code);
            return false;
        }

        Assert.All(result.Audio!.Samples, s => Assert.True(s is >= -1f and <= 1f));
        return true;
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        var copy = original.ToArray();
        switch (random.Next(5))
        {
            case 0:
                return copy[..random.Next(copy.Length)];
            case 1:
                random.NextBytes(copy.AsSpan(random.Next(copy.Length - 64), random.Next(1, 64)));
                return copy;
            case 2:
                for (int flips = random.Next(1, 20); flips > 0; flips--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            case 3:
                // A run of bytes removed: frames shift against where their neighbours expect them.
                int start = random.Next(copy.Length - 100);
                return [.. copy[..start], .. copy[(start + random.Next(1, 100))..]];
            default:
                int at = random.Next(copy.Length);
                var inserted = new byte[random.Next(1, 50)];
                random.NextBytes(inserted);
                return [.. copy[..at], .. inserted, .. copy[at..]];
        }
    }
}
