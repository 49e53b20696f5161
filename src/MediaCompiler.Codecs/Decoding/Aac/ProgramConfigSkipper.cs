namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Reads past a program_config_element() (ISO/IEC 14496-3 4.4.1.1). The decoder takes channels in stream order from
/// the ADTS channel configuration, so the PCE's content is not needed, only its length.
/// </summary>
internal static class ProgramConfigSkipper
{
    public static string? Skip(AacBitReader reader)
    {
        reader.Skip(4 + 2 + 4);   // element_instance_tag, object_type, sampling_frequency_index
        var front = reader.Read(4);
        var side = reader.Read(4);
        var back = reader.Read(4);
        var lfe = reader.Read(2);
        var associatedData = reader.Read(3);
        var couplingChannels = reader.Read(4);
        SkipOptional(reader, 4);   // mono mixdown
        SkipOptional(reader, 4);   // stereo mixdown
        SkipOptional(reader, 3);   // matrix mixdown index and pseudo surround
        reader.Skip((front + side + back) * 5);
        reader.Skip(lfe * 4);
        reader.Skip(associatedData * 4);
        reader.Skip(couplingChannels * 5);
        reader.ByteAlign();
        var commentBytes = reader.Read(8);
        reader.Skip(commentBytes * 8);
        return reader.Overrun ? "a program config element runs past the end of the frame" : null;
    }

    private static void SkipOptional(AacBitReader reader, int bits)
    {
        if (reader.ReadFlag())
        {
            reader.Skip(bits);
        }
    }
}
