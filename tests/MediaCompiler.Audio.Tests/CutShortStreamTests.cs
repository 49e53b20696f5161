using MediaCompiler.Audio.Tests.Builders;
using static MediaCompiler.Audio.Tests.Builders.FrameBuilder;

namespace MediaCompiler.Audio.Tests;

/// <summary>
/// A FLAC file cut inside its STREAMINFO, and an MP3 or ADTS file cut off inside its first frames (an interrupted download or copy) has too few frames to prove a
/// stream the usual way (several in a row). It was "not audio in any format" (IVR1003); it is "truncated" (IVR1005),
/// as ffprobe still names its codec. Only where a stream is expected to start: junk before the frames, or after a
/// whole frame, is no evidence of a cut.
/// </summary>
public class CutShortStreamTests
{
    /// <summary>Files from real encoders (ffmpeg's ADTS; LAME's MP3 with ID3v2 tags, with and without an Info frame).</summary>
    [Theory]
    [InlineData("aac_8k_mono.aac", AudioContainer.Adts)]
    [InlineData("aac_32k_16k_mono.aac", AudioContainer.Adts)]
    [InlineData("cbr64_16k_mono.mp3", AudioContainer.Mp3)]
    [InlineData("cbr128_16k_mono_noxing.mp3", AudioContainer.Mp3)]
    [InlineData("id3_cbr96_16k_mono.mp3", AudioContainer.Mp3)]
    public void A_real_file_cut_inside_one_of_its_first_three_frames_is_truncated(string name, AudioContainer container)
    {
        var bytes = File.ReadAllBytes(FixtureCorpus.PathOf(name));
        var frameEnds = FirstFrameEnds(bytes, container, count: 3);
        var start = FirstFrame(bytes) + (container == AudioContainer.Adts ? 7 : 4);

        var wrong = new List<string>();
        for (var length = start; length < frameEnds[^1]; length++)
        {
            if (frameEnds.Contains(length))
            {
                continue; // cut on a frame boundary: nothing in the bytes tells
            }

            var probe = InMemory.Probe(bytes[..length], name);
            if (!probe.Codes().Contains("IVR1005") || probe.Codes().Contains("IVR1003") || probe.Container != container)
            {
                wrong.Add($"{length}: {probe.Container} {string.Join(',', probe.Codes())}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {frameEnds[^1] - start} lengths: {string.Join("; ", wrong.Take(5))}");
    }

    [Fact]
    public void The_message_names_the_frame_and_the_bytes_missing()
    {
        var file = Concat(AdtsFrame(400), AdtsFrame(700))[..900];

        var probe = InMemory.Probe(file, "menu.aac");

        var truncated = Assert.Single(probe.Diagnostics, d => d.Code == "IVR1005");
        Assert.Contains("the file ends inside the ADTS frame at byte 400 (700 bytes declared, 500 present)", truncated.Message);
        Assert.Equal((AudioContainer.Adts, 16000), (probe.Container, probe.SampleRate));
    }

    [Fact]
    public void A_whole_frame_followed_by_junk_is_not_called_a_cut()
    {
        var junk = Enumerable.Repeat((byte)0x55, 300).ToArray();

        var probe = InMemory.Probe(Concat(AdtsFrame(400), junk), "menu.aac");

        Assert.Equal(["IVR1003"], probe.Codes());
    }

    [Fact]
    public void A_frame_header_after_junk_is_not_called_a_cut()
    {
        var probe = InMemory.Probe(Concat(new byte[100], AdtsFrame(700)[..300]), "menu.aac");

        Assert.Equal(["IVR1003"], probe.Codes());
    }

    /// <summary>A FLAC file (flac's own encoder, via the fixture) cut before its STREAMINFO ends: truncated, not "invalid header".</summary>
    [Fact]
    public void A_flac_file_cut_inside_its_streaminfo_is_truncated()
    {
        var bytes = File.ReadAllBytes(FixtureCorpus.PathOf("prompt_16k_mono.flac"));
        for (var length = 4; length < 42; length++)
        {
            var probe = InMemory.Probe(bytes[..length], "menu.flac");

            Assert.Equal((AudioContainer.Flac, "IVR1005"), (probe.Container, Assert.Single(probe.Diagnostics).Code));
            Assert.Contains($"({length} of the 42 bytes every FLAC stream starts with)", probe.Diagnostics[0].Message);
        }
    }

    private static int FirstFrame(byte[] bytes) =>
        bytes.AsSpan().StartsWith("ID3"u8) ? 10 + ((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]) : 0;

    /// <summary>Where the first frames end, from the length each header declares (ADTS's 13-bit field; MPEG's tables).</summary>
    private static List<int> FirstFrameEnds(byte[] bytes, AudioContainer container, int count)
    {
        var ends = new List<int>();
        var position = FirstFrame(bytes);
        for (var i = 0; i < count; i++)
        {
            var h = bytes.AsSpan(position);
            position += container == AudioContainer.Adts
                ? ((h[3] & 0x03) << 11) | (h[4] << 3) | (h[5] >> 5)
                : MpegLength((h[1] >> 3) & 3, 4 - ((h[1] >> 1) & 3), h[2] >> 4, (h[2] >> 2) & 3, (h[2] & 2) != 0);
            ends.Add(position);
        }

        return ends;
    }
}
