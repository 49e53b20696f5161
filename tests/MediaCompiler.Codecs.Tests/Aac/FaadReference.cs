using System.Diagnostics;
using System.Globalization;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>
/// AAC-LC made at test time by ffmpeg's native encoder (an M4A, and the same access units copied into ADTS), and
/// FAAD2's 32-bit float decode of them: the independent reference the decoder is held to.
/// FAAD2 is always given the M4A. Unless told otherwise it prepares for implicitly signalled HE-AAC: at 24 kHz and
/// below it runs every frame through its SBR QMF analysis and synthesis banks (even with no SBR data) and outputs twice
/// the rate, which limits any comparison at those rates to the QMF bank's own error (the 48–56 dB once measured
/// against resampled FAAD2 output). ADTS cannot tell it otherwise; ffmpeg's M4A can: its AudioSpecificConfig carries
/// the explicit "no SBR" extension (sync 0x2B7, SBR object type, sbrPresentFlag 0), so FAAD2 decodes it at the
/// stream's rate with no QMF bank. (An M4A remuxed from ADTS lacks that extension and is upsampled again.)
/// </summary>
internal static class FaadReference
{
    /// <summary>An encoding: the ADTS stream and the M4A holding the same access units.</summary>
    public sealed record Encoded(byte[] Adts, byte[] M4a);

    /// <summary>
    /// Encodes interleaved float PCM with ffmpeg's AAC-LC encoder at <paramref name="kbps"/> (all channels), with
    /// perceptual noise substitution off: its noise is random by definition, so no two decoders agree on it.
    /// </summary>
    public static Encoded Encode(float[] interleaved, int sampleRate, int channels, int kbps)
    {
        var directory = Directory.CreateTempSubdirectory("mc-aac-").FullName;
        try
        {
            var wav = Path.Combine(directory, "in.wav");
            var adts = Path.Combine(directory, "out.aac");
            var m4a = Path.Combine(directory, "out.m4a");
            File.WriteAllBytes(wav, WavWriter.Pcm16(WavWriter.ToPcm16(interleaved), sampleRate, channels));
            Ffmpeg.Run("-i", wav, "-c:a", "aac", "-b:a", kbps.ToString(CultureInfo.InvariantCulture) + "k", "-aac_pns", "0", "-f", "mp4", m4a);
            Ffmpeg.Run("-i", m4a, "-c:a", "copy", "-f", "adts", adts);
            return new Encoded(File.ReadAllBytes(adts), File.ReadAllBytes(m4a));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>FAAD2's decode of an M4A as floats, one array per channel (FAAD2 outputs mono as two equal channels).</summary>
    public static float[][] Decode(byte[] m4a)
    {
        var directory = Directory.CreateTempSubdirectory("mc-faad-").FullName;
        try
        {
            var input = Path.Combine(directory, "in.m4a");
            var output = Path.Combine(directory, "out.wav");
            File.WriteAllBytes(input, m4a);
            Run("-q", "-b", "4", "-o", output, input);
            return ReadFloatWav(File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>ffmpeg's native (float) AAC decoder's decode of an M4A, one array per channel: a second, independent reference.</summary>
    public static float[][] DecodeWithFfmpeg(byte[] m4a, int channels)
    {
        var directory = Directory.CreateTempSubdirectory("mc-ffaac-").FullName;
        try
        {
            var input = Path.Combine(directory, "in.m4a");
            var output = Path.Combine(directory, "out.f32");
            File.WriteAllBytes(input, m4a);
            Ffmpeg.Run("-c:a", "aac", "-i", input, "-f", "f32le", output);
            var bytes = File.ReadAllBytes(output);
            var frames = bytes.Length / (4 * channels);
            var split = new float[channels][];
            for (var c = 0; c < channels; c++)
            {
                split[c] = new float[frames];
                for (var i = 0; i < frames; i++)
                {
                    split[c][i] = BitConverter.ToSingle(bytes, 4 * ((i * channels) + c));
                }
            }

            return split;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static float[][] ReadFloatWav(byte[] wav)
    {
        var channels = BitConverter.ToInt16(wav, 22);
        var bits = BitConverter.ToInt16(wav, 34);
        Assert.Equal(32, bits);
        var data = wav.AsSpan().IndexOf("data"u8) + 8;
        var frames = (wav.Length - data) / (4 * channels);
        var split = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            split[c] = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                split[c][i] = BitConverter.ToSingle(wav, data + (4 * ((i * channels) + c)));
            }
        }

        return split;
    }

    private static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Faad.Path!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"faad {string.Join(' ', arguments)} failed: {errors.Result}");
    }
}
