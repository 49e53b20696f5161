using System.Buffers.Binary;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// A WAV encoded by ffmpeg at test time and ffmpeg's own decode of it, the reference the WAV codec decoders (ADPCM,
/// GSM 6.10, G.722) are held to: the source is encoded with the given encoder arguments, the data chunk optionally cut
/// short, and the result decoded by ffmpeg to interleaved 16-bit samples.
/// </summary>
internal static class FfmpegEncodedWav
{
    public static (byte[] File, short[] Reference) Make(byte[] sourceWav, int cutBytes, params string[] encoderArguments)
    {
        var directory = Directory.CreateTempSubdirectory("encoded-wav-").FullName;
        try
        {
            return Make(directory, sourceWav, cutBytes, encoderArguments);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (byte[] File, short[] Reference) Make(string directory, byte[] sourceWav, int cutBytes, string[] encoderArguments)
    {
        var source = Path.Combine(directory, "source.wav");
        File.WriteAllBytes(source, sourceWav);
        var encoded = Path.Combine(directory, "encoded.wav");
        Ffmpeg.Run(["-i", source, .. encoderArguments, encoded]);
        var bytes = File.ReadAllBytes(encoded);
        if (cutBytes > 0)
        {
            bytes = WavWriter.WithDataCutShort(bytes, cutBytes);
            File.WriteAllBytes(encoded, bytes);
        }

        var reference = Path.Combine(directory, "reference.raw");
        Ffmpeg.Run("-i", encoded, "-f", "s16le", "-c:a", "pcm_s16le", reference);
        var raw = File.ReadAllBytes(reference);
        var samples = new short[raw.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(2 * i));
        }

        return (bytes, samples);
    }

    /// <summary>Our float samples are ffmpeg's 16-bit ones exactly (scaled by 32768, as the decoders write them).</summary>
    public static void AssertBitExact(short[] reference, float[] ours)
    {
        Assert.Equal(reference.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.True(reference[i] == (short)(ours[i] * 32768f), $"sample {i}: ours {ours[i] * 32768f}, ffmpeg {reference[i]}");
        }
    }
}
