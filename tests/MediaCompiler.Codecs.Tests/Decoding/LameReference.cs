using System.Diagnostics;
using System.Globalization;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// MP3 files made at test time by the lame command-line encoder, which codes what ffmpeg's libmp3lame wrapper cannot
/// ask for (dual channel, free format), and mpg123's decode of them: the second independent reference beside ffmpeg,
/// and the only one for free format (ffmpeg 5.1's mp3 decoder refuses free-format frames: "Header missing").
/// </summary>
internal static class LameReference
{
    /// <summary>Encodes interleaved 16-bit PCM at <paramref name="sampleRate"/> with lame's <paramref name="options"/>, keeping that rate.</summary>
    public static byte[] Encode(short[] interleaved, int sampleRate, int channels, params string[] options)
    {
        var directory = Directory.CreateTempSubdirectory("mc-lame-").FullName;
        try
        {
            var wav = Path.Combine(directory, "in.wav");
            var mp3 = Path.Combine(directory, "out.mp3");
            File.WriteAllBytes(wav, WavWriter.Pcm16(interleaved, sampleRate, channels));
            // --resample to the input's own rate: without it lame picks a lower rate for a low bitrate.
            var kHz = (sampleRate / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
            Run(ToolPath.Find("lame")!, ["--quiet", "--resample", kHz, .. options, wav, mp3]);
            return File.ReadAllBytes(mp3);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>mpg123's 32-bit float decode, one array per channel (it trims the LAME tag's delay and padding, as ffmpeg and we do).</summary>
    public static float[][] DecodeWithMpg123(byte[] mp3, int channels)
    {
        var path = Path.Combine(Path.GetTempPath(), "mc-mpg123-" + Guid.NewGuid().ToString("N") + ".mp3");
        File.WriteAllBytes(path, mp3);
        byte[] raw;
        try
        {
            raw = Run(ToolPath.Find("mpg123")!, ["-q", "-e", "f32", "-s", path]);
        }
        finally
        {
            File.Delete(path);
        }

        return Mp3Reference.SplitChannels(raw, channels);
    }

    /// <summary>
    /// Turns intensity stereo on in every joint-stereo frame of an MPEG-1 Layer III stream (mode_extension bit 0;
    /// ISO/IEC 11172-3 2.4.2.3), which LAME 3.100 never codes itself. In MPEG-1 the scalefactors are read the same with
    /// or without it, so the stream stays valid: in each granule the right channel's bands above its last non-zero
    /// line become intensity positions (its scalefactors there, 0-6 a position, 7 "not intensity"), and both
    /// channels of those bands are rebuilt from the left one. Frames must carry no CRC (lame's default), which covers
    /// the header. Returns the patched copy and how many frames were patched.
    /// </summary>
    public static (byte[] Mp3, int Patched) WithIntensityStereo(byte[] mp3)
    {
        var patched = (byte[])mp3.Clone();
        int[] kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
        int[] rates = [44100, 48000, 32000];
        var count = 0;
        var position = 0;
        while (position + 4 <= patched.Length)
        {
            // An MPEG-1 Layer III header without CRC: sync, version 11, layer 01, protection bit 1.
            if (patched[position] != 0xFF || (patched[position + 1] & 0xFF) != 0xFB)
            {
                position++;
                continue;
            }

            var bitrateIndex = patched[position + 2] >> 4;
            var rateIndex = (patched[position + 2] >> 2) & 0x3;
            Assert.True(bitrateIndex is > 0 and < 15 && rateIndex < 3, $"no MPEG-1 Layer III frame at byte {position}");
            var length = (144 * kbps[bitrateIndex] * 1000 / rates[rateIndex]) + ((patched[position + 2] >> 1) & 0x1);
            if (patched[position + 3] >> 6 == 1)
            {
                patched[position + 3] |= 0x10;
                count++;
            }

            position += length;
        }

        return (patched, count);
    }

    private static byte[] Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {errors.Result}");
        return output.ToArray();
    }
}
