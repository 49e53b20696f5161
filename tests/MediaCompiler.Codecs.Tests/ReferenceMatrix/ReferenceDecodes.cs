using System.Globalization;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.ReferenceMatrix;

/// <summary>
/// Files encoded at test time by ffmpeg (its AAC encoder, libvorbis, libopus) from float PCM we synthesise, and the
/// mono mix that an independent decoder in ffmpeg makes of them, in 32-bit float (asked for: ffmpeg's libopus wrapper
/// gives 16-bit by default, and its libvorbis wrapper only 16-bit, which would make the comparison measure 16-bit
/// rounding): ffmpeg's native AAC and Vorbis decoders, and the libopus reference library.
/// </summary>
internal static class ReferenceDecodes
{
    /// <summary>Encodes interleaved float PCM (written as 16-bit WAV) to <paramref name="extension"/> with the given ffmpeg output options.</summary>
    public static byte[] Encode(float[] interleaved, int sampleRate, int channels, string extension, params string[] options)
    {
        var directory = Directory.CreateTempSubdirectory("mc-matrix-").FullName;
        try
        {
            var wav = Path.Combine(directory, "in.wav");
            var output = Path.Combine(directory, "out." + extension);
            File.WriteAllBytes(wav, WavWriter.Pcm16(WavWriter.ToPcm16(interleaved), sampleRate, channels));
            Ffmpeg.Run(["-i", wav, .. options, output]);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Our samples are the reference's, one for one, within rounding (1e-6 of full scale): for the lossless and PCM
    /// formats, whose decoders must agree exactly but for the float conversion.
    /// </summary>
    public static void AssertSameSamples(float[] reference, float[] ours)
    {
        Assert.Equal(reference.Length, ours.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(reference[i] - ours[i]) <= 1e-6, $"sample {i}: ours {ours[i]}, ffmpeg {reference[i]}");
        }
    }

    /// <summary>
    /// The reference decoder's mono mix at <paramref name="sampleRate"/>: the average of its channels, mixed here (ffmpeg's
    /// own "-ac 1" weights stereo by 1/√2 each, not the ½ the engine uses).
    /// </summary>
    public static float[] DecodeMono(byte[] file, string extension, string decoder, int sampleRate, int channels)
    {
        var directory = Directory.CreateTempSubdirectory("mc-matrix-").FullName;
        try
        {
            var input = Path.Combine(directory, "in." + extension);
            var output = Path.Combine(directory, "out.f32");
            File.WriteAllBytes(input, file);
            Ffmpeg.Run("-request_sample_fmt", "flt", "-c:a", decoder, "-i", input, "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), "-f", "f32le", output);
            var bytes = File.ReadAllBytes(output);
            var interleaved = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes, 0, interleaved, 0, interleaved.Length * 4);
            var mono = new float[interleaved.Length / channels];
            for (var i = 0; i < mono.Length; i++)
            {
                var sum = 0.0;
                for (var c = 0; c < channels; c++)
                {
                    sum += interleaved[(i * channels) + c];
                }

                mono[i] = (float)(sum / channels);
            }

            return mono;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
