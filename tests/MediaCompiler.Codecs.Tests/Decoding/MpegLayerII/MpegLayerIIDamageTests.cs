using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding.MpegLayerII;

/// <summary>
/// Damaged or random Layer I/II streams never crash the in-process decoder: each decodes to some audio or to a coded
/// rejection (IVR3120), never an exception, in time bounded by the file's bytes.
/// </summary>
public sealed class MpegLayerIIDamageTests
{
    [FfmpegTheory]
    [MemberData(nameof(FileDamage.Common), MemberType = typeof(FileDamage))]
    public void A_damaged_mp2_decodes_to_audio_or_a_coded_rejection(string damage)
    {
        var directory = Directory.CreateTempSubdirectory("mp2-damage-").FullName;
        try
        {
            var mp2 = Path.Combine(directory, "prompt.mp2");
            Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-ar", "48000", "-ac", "2", "-c:a", "mp2", "-b:a", "192k", mp2);
            var bytes = File.ReadAllBytes(mp2);
            var probe = AudioProbe.Probe(new MemoryStream(bytes, writable: false), "prompt.mp2");

            AssertAudioOrCodedRejection(PromptDecoder.Decode(FileDamage.Apply(bytes, damage), "prompt.mp2", probe));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A valid header of each layer, rate and channel mode followed by random bytes: every allocation, scalefactor
    /// selection and grouped code the bits happen to spell (forbidden and out-of-range ones included) is read.
    /// </summary>
    [Theory]
    [InlineData(2, 0xFD)]   // MPEG-1 Layer II
    [InlineData(2, 0xF5)]   // MPEG-2 Layer II (the LSF tables)
    [InlineData(1, 0xFF)]   // MPEG-1 Layer I
    [InlineData(1, 0xF7)]   // MPEG-2 Layer I
    public void Random_frame_bodies_decode_to_audio_or_a_coded_rejection(int layer, byte versionAndLayer)
    {
        var random = new Random(layer * 1000 + versionAndLayer);
        for (int round = 0; round < 100; round++)
        {
            // Bitrate index 1-14, rate index 0-2, any channel mode and mode extension, no padding; every frame starts
            // with that header where the previous one ends, so the stream is found, and its body is noise.
            int bitrateIndex = random.Next(1, 15);
            int rateIndex = random.Next(3);
            byte mode = (byte)(random.Next(4) << 6 | random.Next(4) << 4);
            bool mpeg1 = (versionAndLayer & 0x08) != 0;
            int kbps = (layer, mpeg1) switch
            {
                (1, true) => 32 * bitrateIndex,
                (1, false) => new[] { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256 }[bitrateIndex],
                (_, true) => new[] { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 }[bitrateIndex],
                _ => new[] { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 }[bitrateIndex],
            };
            int sampleRate = new[] { 44100, 48000, 32000 }[rateIndex] / (mpeg1 ? 1 : 2);
            int frameBytes = layer == 1 ? 12 * kbps * 1000 / sampleRate * 4 : 144 * kbps * 1000 / sampleRate;
            var stream = new byte[frameBytes * random.Next(2, 30)];
            random.NextBytes(stream);
            for (int at = 0; at < stream.Length; at += frameBytes)
            {
                stream[at] = 0xFF;
                stream[at + 1] = versionAndLayer;
                stream[at + 2] = (byte)((bitrateIndex << 4) | (rateIndex << 2));
                stream[at + 3] = mode;
            }

            var probe = AudioProbe.Probe(new MemoryStream(stream, writable: false), "noise.mp2");
            Assert.Equal(layer == 2 ? "mp2" : "mp1", probe.Codec);
            AssertAudioOrCodedRejection(PromptDecoder.Decode(stream, "noise.mp2", probe));
        }
    }

    private static void AssertAudioOrCodedRejection(DecodeResult result)
    {
        Assert.True(result.Audio is not null ^ result.Error is not null);
        if (result.Error is { } error)
        {
            Assert.Equal("IVR3120", error.Code);
        }
        else
        {
            Assert.All(result.Audio!.Samples, sample => Assert.True(float.IsFinite(sample)));
        }
    }
}
