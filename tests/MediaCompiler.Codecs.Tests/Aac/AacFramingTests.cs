using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Tests.Aac;

/// <summary>ADTS framing that ffmpeg's muxer does not write: CRCs, several raw data blocks, DSE and PCE elements.</summary>
public class AacFramingTests
{
    [Fact]
    public void A_frame_with_a_header_CRC_decodes()
    {
        var frame = new AdtsFrameBuilder().SilentSingleChannel().End().Build(crcBytes: 2);

        var audio = AdtsAacDecoder.Decode(frame).Audio!;

        Assert.Equal(1024, audio.Samples.Length);
    }

    [Fact]
    public void A_frame_of_two_raw_data_blocks_gives_two_blocks_of_samples()
    {
        var frame = new AdtsFrameBuilder()
            .SilentSingleChannel().End().AlignToByte()
            .SilentSingleChannel().End()
            .Build(rawDataBlocks: 2);

        var audio = AdtsAacDecoder.Decode(frame).Audio!;

        Assert.Equal((2, 2048), (audio.FrameCount, audio.Samples.Length));
    }

    [Fact]
    public void Two_protected_raw_data_blocks_skip_their_positions_and_CRCs()
    {
        // Header: one raw_data_block_position (2 bytes) and the header CRC (2 bytes); each block ends with a CRC.
        var frame = new AdtsFrameBuilder()
            .SilentSingleChannel().End().AlignToByte().Write(0xABCD, 16)
            .SilentSingleChannel().End().AlignToByte().Write(0xABCD, 16)
            .Build(rawDataBlocks: 2, crcBytes: 4);

        var result = AdtsAacDecoder.Decode(frame);

        Assert.Null(result.Error);
        Assert.Equal(2048, result.Audio!.Samples.Length);
    }

    [Fact]
    public void Data_stream_and_program_config_elements_are_skipped()
    {
        var frame = new AdtsFrameBuilder()
            .Write(4, 3).Write(0, 4).Write(1, 1).Write(3, 8).AlignToByte().Write(0x414243, 24)   // DSE, 3 aligned bytes
            .Write(5, 3).Write(0, 4).Write(1, 2).Write(8, 4)   // PCE: tag, object type, rate index
            .Write(1, 4).Write(0, 4).Write(0, 4).Write(0, 2).Write(0, 3).Write(0, 4)   // one front element
            .Write(0, 3)   // no mixdowns
            .Write(0, 1).Write(0, 4)   // the front element: an SCE, tag 0
            .AlignToByte().Write(2, 8).Write(0x6869, 16)   // two bytes of comment
            .SilentSingleChannel().End()
            .Build();

        var result = AdtsAacDecoder.Decode(frame);

        Assert.Null(result.Error);
        Assert.Equal(1024, result.Audio!.Samples.Length);
    }
}
