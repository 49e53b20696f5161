using MediaCompiler.Codecs.Decoding.Opus;

namespace MediaCompiler.Codecs.Tests.Decoding.Opus;

/// <summary>OpusHead (RFC 7845 section 5.1): what each channel mapping family allows, and why a header is refused.</summary>
public sealed class OpusHeadTests
{
    [Fact]
    public void Family_0_is_one_stream_of_one_or_two_channels()
    {
        var (head, problem) = OpusHead.Parse(Header(channels: 2, family: 0));

        Assert.Null(problem);
        Assert.Equal((2, 1, 1, true), (head!.Channels, head.Streams, head.CoupledStreams, head.IsSingleStream));
        Assert.Contains("3 channels in one stream", OpusHead.Parse(Header(channels: 3, family: 0)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Family_1_carries_its_stream_counts_and_mapping()
    {
        var (head, problem) = OpusHead.Parse(Header(channels: 6, family: 1, streams: 4, coupled: 2, mapping: [0, 4, 1, 2, 3, 5]));

        Assert.Null(problem);
        Assert.Equal((6, 4, 2, false), (head!.Channels, head.Streams, head.CoupledStreams, head.IsSingleStream));
        Assert.Equal([0, 4, 1, 2, 3, 5], head.Mapping);
    }

    [Theory]
    [InlineData(2, 4, 1, 0, new byte[] { 0, 1, 2, 3 }, "family 2 (ambisonics")]
    [InlineData(1, 9, 5, 4, new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }, "declares 9 channels")]
    [InlineData(1, 2, 0, 0, new byte[] { 0, 1 }, "0 streams")]
    [InlineData(1, 2, 1, 2, new byte[] { 0, 1 }, "2 coupled")]
    [InlineData(1, 2, 1, 0, new byte[] { 0, 1 }, "mapping 0001")]
    [InlineData(255, 2, 2, 0, new byte[] { 0 }, "declares 2 channels in a 22-byte header")]
    public void A_header_it_cannot_use_is_named(int family, int channels, int streams, int coupled, byte[] mapping, string expected)
    {
        var (head, problem) = OpusHead.Parse(Header(channels, family, streams, coupled, mapping));

        Assert.Null(head);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silent_channel_maps_to_255()
    {
        var (head, problem) = OpusHead.Parse(Header(channels: 3, family: 255, streams: 1, coupled: 1, mapping: [0, 255, 1]));

        Assert.Null(problem);
        Assert.Equal([0, 255, 1], head!.Mapping);
    }

    private static byte[] Header(int channels, int family, int streams = 1, int coupled = 0, byte[]? mapping = null)
    {
        byte[] fixedPart = [.. "OpusHead"u8, 1, (byte)channels, 0x38, 0x01, 0x80, 0x3E, 0, 0, 0, 0, (byte)family];
        return family == 0 ? fixedPart : [.. fixedPart, (byte)streams, (byte)coupled, .. mapping ?? []];
    }
}
