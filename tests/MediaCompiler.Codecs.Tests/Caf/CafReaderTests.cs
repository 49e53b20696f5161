using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Caf;

/// <summary>
/// Apple's Core Audio Format as ffmpeg writes it (linear PCM of either byte order, integer and float, and G.711),
/// also with the data chunk's size left at −1 as a recorder writes it: the probe agrees with the header, and the
/// prompt decoder's in-process mono mix is ffmpeg's decode, averaged over the channels, sample for sample.
/// </summary>
public sealed class CafReaderTests
{
    [FfmpegTheory]
    [InlineData("pcm_s16le", 1, 44100, "pcm_s16le", false)]
    [InlineData("pcm_s16be", 2, 48000, "pcm_s16be", false)]
    [InlineData("pcm_s24le", 2, 44100, "pcm_s24le", true)]
    [InlineData("pcm_s32be", 1, 16000, "pcm_s32be", false)]
    [InlineData("pcm_s8", 1, 8000, "pcm_s8", false)]
    [InlineData("pcm_f32le", 2, 96000, "pcm_f32le", true)]
    [InlineData("pcm_f64be", 1, 11025, "pcm_f64be", false)]
    [InlineData("pcm_mulaw", 1, 8000, "mulaw", false)]
    [InlineData("pcm_alaw", 1, 8000, "alaw", true)]
    public void Decodes_like_ffmpeg(string ffmpegCodec, int channels, int sampleRate, string ourCodec, bool sizeToTheEnd)
    {
        var signal = Signals.SpeechWithClicks(sampleRate, channels, 0.5);
        var caf = ReferenceDecodes.Encode(signal, sampleRate, channels, "caf", "-c:a", ffmpegCodec);
        if (sizeToTheEnd)
        {
            caf = WithDataSizeToTheEnd(caf);
        }

        var reference = ReferenceDecodes.DecodeMono(caf, "caf", ffmpegCodec, sampleRate, channels);
        var probe = AudioProbe.Probe(new MemoryStream(caf, writable: false), "prompt.caf");

        var result = PromptDecoder.Decode(caf, "prompt.caf", probe);

        Assert.Equal(AudioContainer.Caf, probe.Container);
        Assert.Equal(ourCodec, probe.Codec);
        Assert.Equal(channels, probe.Channels);
        Assert.Equal(sampleRate, probe.SampleRate);
        Assert.InRange(probe.DurationSeconds!.Value, 0.499, 0.501);
        Assert.DoesNotContain(probe.Diagnostics, d => d.IsError);
        Assert.Null(result.Error);
        Assert.Equal(reference.Length, result.Audio!.Samples.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(reference[i] - result.Audio.Samples[i]) <= 1e-6, $"sample {i}: ours {result.Audio.Samples[i]}, ffmpeg {reference[i]}");
        }
    }

    /// <summary>The 'data' chunk (the last one ffmpeg writes) with its size set to −1: "to the end of the file".</summary>
    private static byte[] WithDataSizeToTheEnd(byte[] caf)
    {
        var copy = caf.ToArray();
        long position = 8;
        while (position + 12 <= copy.Length)
        {
            long size = BinaryPrimitives.ReadInt64BigEndian(copy.AsSpan((int)position + 4));
            if (copy.AsSpan((int)position, 4).SequenceEqual("data"u8))
            {
                Assert.Equal(copy.Length, position + 12 + size); // the last chunk
                BinaryPrimitives.WriteInt64BigEndian(copy.AsSpan((int)position + 4), -1);
                return copy;
            }

            position += 12 + size;
        }

        throw new InvalidOperationException("no data chunk");
    }
}
