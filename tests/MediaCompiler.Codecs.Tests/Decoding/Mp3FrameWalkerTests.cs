using MediaCompiler.Codecs.Decoding.Mp3;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// Our frame walker, which feeds the vendored Layer III decoder in place of NLayer's stream reader: bytes between
/// frames that are not part of the stream (junk, a false header, a trailing tag) change nothing in the decode, since the
/// bit reservoir only ever holds bytes of real frames.
/// </summary>
public sealed class Mp3FrameWalkerTests
{
    private const string Fixture = "menu_16k_lame.mp3";

    [Fact]
    public void Junk_and_a_false_header_between_two_frames_leave_the_decode_sample_for_sample_unchanged()
    {
        var original = SpeechFixtures.Bytes(Fixture);
        var gapless = LameGaplessInfo.Read(original)!;
        var frames = Mp3FrameWalker.Frames(original, (int)gapless.FirstAudioFrameOffset, gapless.Frame.SampleRate).ToList();
        int boundary = frames[frames.Count / 2].Offset;
        var junk = new byte[300];
        new Random(11).NextBytes(junk);
        // A header of the stream's own kind inside the junk, not followed by another: it must not pass for a frame.
        original.AsSpan(frames[0].Offset, 4).CopyTo(junk.AsSpan(100));
        var damaged = original[..boundary].Concat(junk).Concat(original[boundary..]).ToArray();

        var expected = Decode(original);
        var actual = Decode(damaged);

        Assert.Equal(frames.Count, Mp3FrameWalker.Frames(damaged, (int)gapless.FirstAudioFrameOffset, gapless.Frame.SampleRate).Count());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_trailing_ID3v1_tag_adds_no_audio()
    {
        var original = SpeechFixtures.Bytes(Fixture);
        var tag = new byte[128];
        "TAG"u8.CopyTo(tag);
        "a title"u8.CopyTo(tag.AsSpan(3));

        Assert.Equal(Decode(original), Decode([.. original, .. tag]));
    }

    [Fact]
    public void The_frame_CRC_is_CRC_16_with_polynomial_0x8005_from_0xFFFF()
    {
        // The catalogued check value of CRC-16/CMS (poly 0x8005, init 0xFFFF, unreflected, no final XOR), the CRC of
        // ISO/IEC 11172-3 2.4.3.1, over the standard check input "123456789".
        Assert.Equal(0xAEE7u, Mp3FrameBits.Crc16(0xFFFF, "123456789"u8));
    }

    [Fact]
    public void A_frame_whose_CRC_does_not_match_reads_as_silence()
    {
        // MPEG-1 Layer III, CRC-protected (protection bit 0), 128 kbit/s, 44.1 kHz, mono: 417 bytes.
        var frame = new byte[417];
        frame[0] = 0xFF;
        frame[1] = 0xFA;
        frame[2] = 0x90;
        frame[3] = 0xC0;
        new Random(5).NextBytes(frame.AsSpan(6));
        Assert.True(MpegAudioFrame.TryParse(frame, out var header));
        Assert.True(header.HasCrc);
        uint good = Mp3FrameBits.Crc16(Mp3FrameBits.Crc16(0xFFFF, frame.AsSpan(2, 2)), frame.AsSpan(6, header.SideInfoSize));
        frame[4] = (byte)(good >> 8);
        frame[5] = (byte)((good & 0xFF) ^ 0x01);

        var bits = new Mp3FrameBits(frame, 0, header);

        Assert.True(bits.Muted);
        Assert.Equal(0, bits.ReadBits(32));
        frame[5] = (byte)(good & 0xFF);
        Assert.False(new Mp3FrameBits(frame, 0, header).Muted);
        Assert.Equal(frame[6], new Mp3FrameBits(frame, 0, header).ReadBits(8));
    }

    private static float[] Decode(byte[] mp3)
    {
        var gapless = LameGaplessInfo.Read(mp3)!;
        return Mp3Decoder.DecodeFrames(mp3, gapless, CancellationToken.None).Mono.ToArray();
    }
}
