using MediaCompiler.Audio.Probing;
using MediaCompiler.Audio.Tests.Builders;
using static MediaCompiler.Audio.Tests.Builders.FrameBuilder;

namespace MediaCompiler.Audio.Tests;

public class MpegProbeTests
{
    // MPEG-2 Layer III, 64 kbps (index 8), 16 kHz (index 2), mono: 288-byte frames of 576 samples.
    private static readonly byte[] Mpeg2Frame64k = MpegFrame(2, 3, 8, 2);

    [Theory]
    [InlineData(3, 3, 9, 0, false, 417, 44100, 1152)] // MPEG-1 L3 128k 44.1k
    [InlineData(3, 3, 9, 0, true, 418, 44100, 1152)]
    [InlineData(3, 2, 10, 1, false, 576, 48000, 1152)] // MPEG-1 L2 192k 48k
    [InlineData(3, 1, 1, 0, false, 32, 44100, 384)] // MPEG-1 L1 32k 44.1k
    [InlineData(2, 3, 8, 2, false, 288, 16000, 576)] // MPEG-2 L3 64k 16k
    [InlineData(0, 3, 8, 2, false, 576, 8000, 576)] // MPEG-2.5 L3 64k 8k
    [InlineData(0, 3, 8, 0, true, 418, 11025, 576)] // MPEG-2.5 L3 64k 11.025k
    [InlineData(2, 2, 8, 2, false, 576, 16000, 1152)] // MPEG-2 L2 64k 16k
    public void Frame_headers_decode_with_the_published_tables(int versionBits, int layer, int bitrateIndex, int rateIndex, bool padding, int length, int rate, int samples)
    {
        Assert.Equal(length, MpegLength(versionBits, layer, bitrateIndex, rateIndex, padding)); // The builder's own tables agree with the spec's values.

        Assert.True(MpegFrameHeader.TryParse(MpegFrame(versionBits, layer, bitrateIndex, rateIndex, padding: padding), out var header));

        Assert.Equal((length, rate, samples, layer), (header.FrameLength, header.SampleRate, header.SamplesPerFrame, header.Layer));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xEB, 0x90, 0xC0 })] // version bits 01: reserved
    [InlineData(new byte[] { 0xFF, 0xF9, 0x90, 0xC0 })] // layer bits 00: reserved (that is ADTS)
    [InlineData(new byte[] { 0xFF, 0xF3, 0x00, 0xC0 })] // bitrate index 0: free format
    [InlineData(new byte[] { 0xFF, 0xF3, 0xF0, 0xC0 })] // bitrate index 15: bad
    [InlineData(new byte[] { 0xFF, 0xF3, 0x9C, 0xC0 })] // sample rate index 3: reserved
    [InlineData(new byte[] { 0xFF, 0xF3, 0x98, 0xC2 })] // emphasis 2: reserved
    public void Reserved_header_values_are_not_frames(byte[] header) =>
        Assert.False(MpegFrameHeader.TryParse(header, out _));

    [Fact]
    public void Free_format_frames_are_measured_from_the_distance_between_their_headers()
    {
        // MPEG-2 Layer III at 16 kHz, bitrate index 0, 200-byte frames (every third one padded to 201): no bitrate index
        // names this length, so only the distance between headers gives it: 200 × 8 × 16000 / 576 = 44,444 b/s.
        var frames = Enumerable.Range(0, 60).Select(i => MpegFrame(2, 3, 0, 2, padding: i % 3 == 2, length: i % 3 == 2 ? 201 : 200)).ToArray();

        var probe = InMemory.Probe(Concat(frames), "free.mp3");

        Assert.Empty(probe.Diagnostics);
        Assert.Equal((AudioContainer.Mp3, 16000, 1), (probe.Container, probe.SampleRate, probe.Channels));
        Assert.Equal(200 * 8 * 16000 / 576, probe.Bitrate);
        Assert.Equal(60 * 576 / 16000.0, probe.DurationSeconds!.Value, 6);
        Assert.Equal("MPEG-2 Layer III (free format)", probe.CodecDescription);
    }

    /// <summary>
    /// The same free-format stream 58 bytes into a file, where nothing says a stream starts: not MPEG. Headerless PCM
    /// near silence repeats "FF FF 0x" (a sample of -1, then a small one) at constant distances often enough to pass for
    /// free-format headers, and ffprobe does not call such a file audio either. A stream with a bitrate in its headers
    /// is still found after junk (<see cref="Junk_before_the_first_frame_is_tolerated"/>).
    /// </summary>
    [Fact]
    public void Free_format_headers_deep_inside_a_file_are_not_a_stream()
    {
        var frames = Enumerable.Range(0, 60).Select(i => MpegFrame(2, 3, 0, 2, padding: i % 3 == 2, length: i % 3 == 2 ? 201 : 200)).ToArray();

        var probe = InMemory.Probe(Concat([new byte[58], .. frames]), "recording.wav");

        Assert.NotEqual(AudioContainer.Mp3, probe.Container);
        Assert.Contains("IVR1003", probe.Codes());
    }

    [Fact]
    public void A_free_format_header_with_no_second_header_at_a_constant_distance_is_not_a_stream()
    {
        // Headers 200, then 260, then 200 bytes apart: no one free-format length fits, so this is not audio.
        var bytes = Concat(MpegFrame(2, 3, 0, 2, length: 200), MpegFrame(2, 3, 0, 2, length: 260), MpegFrame(2, 3, 0, 2, length: 200), new byte[64]);

        Assert.Equal(0, MpegFreeFormat.FindFrameBytes(bytes));
        Assert.NotEqual(AudioContainer.Mp3, InMemory.Probe(bytes, "noise.mp3").Container);
    }

    [Fact]
    public void Cbr_without_summary_header_is_measured_from_frames()
    {
        var probe = InMemory.Probe(Repeat(Mpeg2Frame64k, 50), "a.mp3");

        Assert.Equal((AudioContainer.Mp3, "mp3", 16000, 1), (probe.Container, probe.Codec, probe.SampleRate, probe.Channels));
        Assert.Equal(64_000, probe.Bitrate);
        Assert.Equal(50 * 576 / 16000.0, probe.DurationSeconds!.Value, 6);
        Assert.Equal("MPEG-2 Layer III", probe.CodecDescription);
    }

    [Fact]
    public void Vbr_without_summary_header_averages_the_frames()
    {
        var frame32k = MpegFrame(2, 3, 4, 2); // 32 kbps, 144 bytes
        var frame128k = MpegFrame(2, 3, 12, 2); // 128 kbps, 576 bytes
        var probe = InMemory.Probe(Concat(Repeat(frame32k, 10), Repeat(frame128k, 10)), "a.mp3");

        Assert.Equal(80_000, probe.Bitrate);
        Assert.Equal(20 * 576 / 16000.0, probe.DurationSeconds!.Value, 6);
    }

    [Fact]
    public void A_xing_header_gives_frames_and_bytes()
    {
        // The Xing frame says 1000 frames and 360,000 bytes: 36 s at 80 kbps, though only a few frames are present.
        var xing = XingFrame(Mpeg2Frame64k, sideInfo: 9, "Xing", frames: 1000, bytes: 360_000);
        var probe = InMemory.Probe(Concat(xing, Repeat(Mpeg2Frame64k, 5)), "a.mp3");

        Assert.Equal(36.0, probe.DurationSeconds!.Value, 6);
        Assert.Equal(80_000, probe.Bitrate);
        Assert.Contains("IVR1005", probe.Codes()); // 360,000 declared bytes cannot fit in this short file.
    }

    [Fact]
    public void An_info_header_keeps_the_frames_own_bitrate()
    {
        var frame128k = MpegFrame(2, 3, 12, 2);
        var info = XingFrame(frame128k, sideInfo: 9, "Info", frames: 10, bytes: (uint)(11 * frame128k.Length));
        var probe = InMemory.Probe(Concat(info, Repeat(frame128k, 10)), "a.mp3");

        Assert.Equal(128_000, probe.Bitrate); // Not 11 frames' bytes over 10 frames' time (140.8 kbps).
        Assert.Equal(0.36, probe.DurationSeconds!.Value, 6);
        Assert.Empty(probe.Diagnostics);
    }

    [Fact]
    public void A_vbri_header_is_read()
    {
        var frame = MpegFrame(3, 3, 9, 0); // MPEG-1 128 kbps 44.1 kHz mono, 417 bytes
        var vbri = VbriFrame(frame, bytes: 200_000, frames: 1000);
        var probe = InMemory.Probe(Concat(vbri, Repeat(frame, 5)), "a.mp3");

        Assert.Equal(1000 * 1152 / 44100.0, probe.DurationSeconds!.Value, 6);
        Assert.Equal((long)Math.Round(200_000 * 8 / (1000 * 1152 / 44100.0)), probe.Bitrate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Id3v2_tags_are_skipped_honouring_the_footer_flag(bool footer)
    {
        var tag = Id3v2(300, footer);
        var file = Concat(tag, Repeat(Mpeg2Frame64k, 6));
        var source = new ByteSource(new MemoryStream(file));

        Assert.Equal(tag.Length, Id3Tags.SkipLeadingId3v2(source));
        var probe = InMemory.Probe(file, "a.mp3");
        Assert.Equal(6 * 288, probe.AudioDataBytes);
        Assert.Empty(probe.Diagnostics);
    }

    [Fact]
    public void Trailing_id3v1_and_ape_tags_are_not_audio()
    {
        var file = Concat(Repeat(Mpeg2Frame64k, 8), ApeTag(100), Id3v1());

        var probe = InMemory.Probe(file, "a.mp3");

        Assert.Equal(8 * 288, probe.AudioDataBytes);
        Assert.Equal(8 * 576 / 16000.0, probe.DurationSeconds!.Value, 6);
    }

    [Fact]
    public void Junk_before_the_first_frame_is_tolerated()
    {
        var probe = InMemory.Probe(Concat(new byte[] { 0, 0, 0xFF, 0x00, 7 }, Repeat(Mpeg2Frame64k, 6)), "a.mp3");

        Assert.Equal(AudioContainer.Mp3, probe.Container);
        Assert.Equal(6 * 288, probe.AudioDataBytes);
    }

    [Fact]
    public void Fewer_than_four_frames_followed_by_garbage_are_not_mp3()
    {
        var file = Concat(new byte[] { 1 }, Repeat(Mpeg2Frame64k, 3), Enumerable.Repeat((byte)0x55, 400).ToArray());

        Assert.Equal(["IVR1003"], InMemory.Probe(file, "a.mp3").Codes());
    }

    [Fact]
    public void Random_bytes_never_pass_as_frames()
    {
        var random = new Random(424242);
        var buffer = new byte[8192];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            var probe = InMemory.Probe(buffer, "r.mp3");
            Assert.Equal(AudioContainer.Unknown, probe.Container);
        }
    }

    [Fact]
    public void Stereo_and_layer_ii_are_reported_and_rejected()
    {
        var layer2Stereo = Repeat(MpegFrame(2, 2, 8, 2, mode: 0), 5);

        var validation = InMemory.Validate(layer2Stereo, "menu.mp3");

        Assert.Equal(("mp2", 2), (validation.Probe.Codec, validation.Probe.Channels));
        Assert.Equal(["IVR1104", "IVR1108"], validation.Codes());
        Assert.Contains("MPEG-2 Layer II", validation.Diagnostics.Single(d => d.Code == "IVR1108").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, false)] // 56 kbps
    [InlineData(8, true)] // 64 kbps
    [InlineData(12, true)] // 128 kbps
    [InlineData(13, false)] // 144 kbps
    public void Bitrate_bounds_are_inclusive(int bitrateIndex, bool accepted)
    {
        var validation = InMemory.Validate(Repeat(MpegFrame(2, 3, bitrateIndex, 2), 10), "a.mp3");

        Assert.Equal(accepted, validation.IsValid);
        Assert.Equal(accepted ? [] : ["IVR1106"], validation.Codes());
    }
}
