using System.Diagnostics;
using System.Globalization;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// MP3 files made at test time by ffmpeg's libmp3lame, and ffmpeg's own decode of them (its native mp3float decoder,
/// which trims the LAME tag's delay and padding as ours does): the independent reference the decoder is held to.
/// </summary>
public static class Mp3Reference
{
    /// <summary>How lame codes two channels: one channel, left/right always, or joint (mid/side chosen per frame).</summary>
    public enum Mode { Mono, Stereo, Joint }

    /// <summary>Encodes interleaved PCM with libmp3lame: CBR at <paramref name="kbps"/>, or VBR quality <paramref name="vbrQuality"/>.</summary>
    public static byte[] Encode(short[] interleaved, int sampleRate, Mode mode, int? kbps, int? vbrQuality)
    {
        string directory = Path.Combine(Path.GetTempPath(), "mc-mp3-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string wav = Path.Combine(directory, "in.wav");
            string mp3 = Path.Combine(directory, "out.mp3");
            File.WriteAllBytes(wav, WavWriter.Pcm16(interleaved, sampleRate, mode == Mode.Mono ? 1 : 2));
            string rate = kbps is { } k ? $"-b:a {k}k" : $"-q:a {vbrQuality!.Value}";
            string stereo = mode switch { Mode.Stereo => "-joint_stereo 0", Mode.Joint => "-joint_stereo 1", _ => "" };
            Run($"-v error -y -i \"{wav}\" -c:a libmp3lame {rate} {stereo} \"{mp3}\"", null);
            return File.ReadAllBytes(mp3);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// ffmpeg's decode, one float array per channel. From a file, not a pipe: only where it can seek does ffmpeg find
    /// the stream's end and trim the padding the LAME tag declares.
    /// </summary>
    public static float[][] Decode(byte[] mp3, int channels)
    {
        string path = Path.Combine(Path.GetTempPath(), "mc-mp3-" + Guid.NewGuid().ToString("N") + ".mp3");
        File.WriteAllBytes(path, mp3);
        byte[] raw;
        try
        {
            raw = Run($"-v error -i \"{path}\" -f f32le -ac {channels.ToString(CultureInfo.InvariantCulture)} pipe:1", null);
        }
        finally
        {
            File.Delete(path);
        }

        return SplitChannels(raw, channels);
    }

    /// <summary>
    /// Speech-like audio as 16-bit PCM; with two channels the right one is a different, partly correlated signal, so that
    /// mid and side both carry audio (a joint-stereo coder codes both). The MP3 and MPEG Layer II tests' one source.
    /// </summary>
    public static short[] Speech(int sampleRate, int channels, double seconds)
    {
        var left = Signals.Speechlike(sampleRate, seconds, 0.5);
        if (channels == 1)
        {
            return WavWriter.ToPcm16(left);
        }

        var right = Signals.Sample(t => 0.3 * Math.Sin(2 * Math.PI * (520 + (400 * Math.Sin(2 * Math.PI * 2 * t))) * t), sampleRate, seconds);
        var interleaved = new float[left.Length * 2];
        for (int i = 0; i < left.Length; i++)
        {
            interleaved[2 * i] = left[i];
            interleaved[(2 * i) + 1] = (0.6f * right[i]) + (0.2f * left[i]);
        }

        return WavWriter.ToPcm16(interleaved);
    }

    /// <summary>A reference decoder's interleaved 32-bit float output, one array per channel.</summary>
    public static float[][] SplitChannels(byte[] raw, int channels)
    {
        var interleaved = new float[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, interleaved, 0, interleaved.Length * 4);
        var split = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            split[c] = new float[interleaved.Length / channels];
            for (var i = 0; i < split[c].Length; i++)
            {
                split[c][i] = interleaved[(i * channels) + c];
            }
        }

        return split;
    }

    /// <summary>
    /// The lowest normalised cross-correlation of any 10 ms window (at the given lag) where the reference carries
    /// signal (above −50 dBFS): a drop-out or a burst of wrong audio shows here even when the whole file correlates well.
    /// </summary>
    public static (double Ncc, double AtSeconds) WorstWindow(float[] reference, float[] ours, int lag, int sampleRate)
    {
        int window = sampleRate / 100;
        (double Ncc, double AtSeconds) worst = (1, 0);
        for (int start = 0; start + window <= reference.Length; start += window)
        {
            var slice = reference.AsSpan(start, window);
            if (Measure.Rms(slice) < 0.00316)
            {
                continue;
            }

            int from = start + lag;
            double ncc = from < 0 || from + window > ours.Length ? 0 : Measure.Ncc(slice, ours.AsSpan(from, window));
            if (ncc < worst.Ncc)
            {
                worst = (ncc, (double)start / sampleRate);
            }
        }

        return worst;
    }

    private static byte[] Run(string arguments, byte[]? input)
    {
        var start = new ProcessStartInfo(Ffmpeg.Path!, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }

        copy.Wait();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg {arguments} failed: {error.Result}");
        return output.ToArray();
    }
}
