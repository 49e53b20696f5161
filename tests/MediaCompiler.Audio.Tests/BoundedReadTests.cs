using MediaCompiler.Audio.Tests.Builders;

namespace MediaCompiler.Audio.Tests;

/// <summary>
/// Probing reads headers, never payloads: on 2 GB files (served by a stream that makes its bytes up on demand) the
/// probe must read about as little as on a small one.
/// </summary>
public class BoundedReadTests
{
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;

    [Fact]
    public void A_2_gb_wav_costs_a_few_header_reads()
    {
        var header = WavBuilder.Riff(WavBuilder.Chunk("fmt ", WavBuilder.Fmt(1, 1, 8000, 16)), WavBuilder.Chunk("data", [], declaredSize: (uint)(TwoGigabytes - 44)));
        using var stream = new SyntheticStream(TwoGigabytes, header, repeat: new byte[1]);

        var probe = AudioProbe.Probe(stream, "big.wav");

        Assert.Empty(probe.Diagnostics);
        Assert.Equal(TwoGigabytes - 44, probe.AudioDataBytes);
        Assert.InRange(stream.BytesRead, 1, 1024);
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("aac")]
    public void A_2_gb_frame_stream_is_sampled_not_walked(string kind)
    {
        var frame = kind == "mp3" ? FrameBuilder.MpegFrame(2, 3, 8, 2) : FrameBuilder.AdtsFrame(600);
        using var stream = new SyntheticStream(TwoGigabytes, [], repeat: frame);

        var probe = AudioProbe.Probe(stream, "big." + kind);

        Assert.NotEqual(AudioContainer.Unknown, probe.Container);
        Assert.NotNull(probe.DurationSeconds);
        Assert.InRange(stream.BytesRead, 1, 256 * 1024); // A search window and a bounded run of frame headers.
    }

    [Fact]
    public void A_2_gb_ogg_reads_its_head_and_one_tail_window()
    {
        var first = OggBuilder.Page(OggBuilder.VorbisId(1, 16000), 0, headerType: OggBuilder.BeginningOfStream);
        var audio = OggBuilder.Page(new byte[4000], 123_456, sequence: 1);
        using var stream = new SyntheticStream(TwoGigabytes, first, repeat: audio);

        var probe = AudioProbe.Probe(stream, "big.ogg");

        Assert.Equal("vorbis", probe.Codec);
        Assert.InRange(stream.BytesRead, 1, 2 * 65_536);
    }

    /// <summary>A read-only stream of a given length: a header, then a pattern repeated to the end; counts bytes read.</summary>
    private sealed class SyntheticStream(long length, byte[] header, byte[] repeat) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Clamp(length - Position, 0, buffer.Length);
            for (var i = 0; i < n; i++)
            {
                var at = Position + i;
                buffer[i] = at < header.Length ? header[at] : repeat[(at - header.Length) % repeat.Length];
            }

            Position += n;
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
