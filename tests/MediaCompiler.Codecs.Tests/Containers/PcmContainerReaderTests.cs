using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Containers;

/// <summary>
/// The PCM and G.711 containers beside WAV that prompts arrive in: AIFF and AIFF-C (Mac tools, voice talent), Apple's
/// CAF (afrecord, afconvert) and Sun/NeXT AU (Unix and Java voice systems), as ffmpeg writes each, with every sample
/// format its muxer takes, mono and stereo, and the size a recorder leaves open ("to the end") where the format has
/// one. The probe agrees with the header, and the prompt decoder's in-process mono mix is ffmpeg's decode averaged
/// over the channels, sample for sample. Each is refused as a prompt (IVR1101) and decodable, so fix converts it.
/// </summary>
public sealed class PcmContainerReaderTests
{
    public static TheoryData<string, string, int, int, string, bool> Files() => new()
    {
        { "aiff", "pcm_s16be", 1, 44100, "pcm_s16be", false },
        { "aiff", "pcm_s16be", 2, 48000, "pcm_s16be", false },
        { "aiff", "pcm_s24be", 2, 44100, "pcm_s24be", false },
        { "aiff", "pcm_s32be", 1, 16000, "pcm_s32be", false },
        { "aiff", "pcm_s8", 1, 8000, "pcm_s8", false },
        { "aiff", "pcm_s16le", 1, 22050, "pcm_s16le", false },
        { "aiff", "pcm_f32be", 2, 96000, "pcm_f32be", false },
        { "aiff", "pcm_f64be", 1, 11025, "pcm_f64be", false },
        { "aiff", "pcm_mulaw", 1, 8000, "mulaw", false },
        { "aiff", "pcm_alaw", 1, 8000, "alaw", false },
        { "caf", "pcm_s16le", 1, 44100, "pcm_s16le", false },
        { "caf", "pcm_s16be", 2, 48000, "pcm_s16be", false },
        { "caf", "pcm_s24le", 2, 44100, "pcm_s24le", true },
        { "caf", "pcm_s32be", 1, 16000, "pcm_s32be", false },
        { "caf", "pcm_s8", 1, 8000, "pcm_s8", false },
        { "caf", "pcm_f32le", 2, 96000, "pcm_f32le", true },
        { "caf", "pcm_f64be", 1, 11025, "pcm_f64be", false },
        { "caf", "pcm_mulaw", 1, 8000, "mulaw", false },
        { "caf", "pcm_alaw", 1, 8000, "alaw", true },
        { "au", "pcm_mulaw", 1, 8000, "mulaw", false },
        { "au", "pcm_mulaw", 1, 8000, "mulaw", true },
        { "au", "pcm_alaw", 2, 8000, "alaw", false },
        { "au", "pcm_s16be", 1, 16000, "pcm_s16be", true },
        { "au", "pcm_s8", 1, 8000, "pcm_s8", false },
        { "au", "pcm_s24be", 2, 44100, "pcm_s24be", false },
        { "au", "pcm_s32be", 1, 22050, "pcm_s32be", false },
        { "au", "pcm_f32be", 1, 48000, "pcm_f32be", false },
        { "au", "pcm_f64be", 2, 11025, "pcm_f64be", false },
    };

    [FfmpegTheory]
    [MemberData(nameof(Files))]
    public void Decodes_like_ffmpeg(string extension, string ffmpegCodec, int channels, int sampleRate, string ourCodec, bool sizeToTheEnd)
    {
        var signal = Signals.SpeechWithClicks(sampleRate, channels, 0.5);
        var file = ReferenceDecodes.Encode(signal, sampleRate, channels, extension, "-c:a", ffmpegCodec);
        if (sizeToTheEnd)
        {
            file = extension == "caf" ? CafDataSizeToTheEnd(file) : AuDataSizeUnknown(file);
        }

        var reference = ReferenceDecodes.DecodeMono(file, extension, ffmpegCodec, sampleRate, channels);
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt." + extension);

        var result = PromptDecoder.Decode(file, "prompt." + extension, probe);

        Assert.Equal(ourCodec, probe.Codec);
        Assert.Equal(channels, probe.Channels);
        Assert.Equal(sampleRate, probe.SampleRate);
        Assert.InRange(probe.DurationSeconds!.Value, 0.499, 0.501);
        Assert.Contains("IVR1101", MediaCompiler.Audio.Rules.PromptValidator.Validate(probe).Diagnostics.Select(d => d.Code));
        Assert.DoesNotContain(probe.Diagnostics, d => d.IsError);
        Assert.Null(result.Error);
        ReferenceDecodes.AssertSameSamples(reference, result.Audio!.Samples);
    }

    /// <summary>CAF's 'data' chunk (the last one ffmpeg writes) with its size set to −1: "to the end of the file".</summary>
    private static byte[] CafDataSizeToTheEnd(byte[] caf)
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

    /// <summary>AU's data size as a writer that cannot seek back leaves it: 0xFFFFFFFF, "unknown".</summary>
    private static byte[] AuDataSizeUnknown(byte[] au)
    {
        var copy = au.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(8), 0xFFFFFFFF);
        return copy;
    }
}
