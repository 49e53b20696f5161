namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// The esds box's ES_Descriptor (ISO/IEC 14496-1 7.2.6.5): ES_Descriptor (tag 3) → DecoderConfigDescriptor (tag 4:
/// objectTypeIndication, 0x40 for MPEG-4 audio) → DecoderSpecificInfo (tag 5: the AudioSpecificConfig bytes).
/// </summary>
internal static class EsDescriptor
{
    private const int EsDescriptorTag = 3;
    private const int DecoderConfigTag = 4;
    private const int DecoderSpecificInfoTag = 5;

    public static (byte[] Config, int ObjectTypeIndication) ReadDecoderConfig(Mp4Boxes boxes, Mp4Box esds)
    {
        long position = 4;   // version and flags of the full box
        var esEnd = ReadDescriptor(boxes, esds, ref position, EsDescriptorTag, esds.Length);
        position += 2;   // ES_ID
        var flags = boxes.U8(esds, position++);
        if ((flags & 0x80) != 0)
        {
            position += 2;   // dependsOn_ES_ID
        }

        if ((flags & 0x40) != 0)
        {
            position += 1 + boxes.U8(esds, position);   // URL
        }

        if ((flags & 0x20) != 0)
        {
            position += 2;   // OCR_ES_Id
        }

        var configEnd = ReadDescriptor(boxes, esds, ref position, DecoderConfigTag, esEnd);
        var objectTypeIndication = boxes.U8(esds, position);
        position += 13;   // objectTypeIndication, streamType, bufferSizeDB, maxBitrate, avgBitrate
        if (objectTypeIndication is 0x69 or 0x6B)
        {
            return ([], objectTypeIndication);   // MPEG-1/2 audio (MP3): its frames carry their own headers, no config follows
        }

        var infoEnd = ReadDescriptor(boxes, esds, ref position, DecoderSpecificInfoTag, configEnd);
        var config = new byte[infoEnd - position];
        Array.Copy(boxes.Data, esds.Start + position, config, 0, config.Length);
        return (config, objectTypeIndication);
    }

    /// <summary>
    /// Reads a descriptor's tag and size (1-4 bytes of 7 bits, the top bit saying another follows) at
    /// <paramref name="position"/>, leaves it at the payload, and returns where the payload ends, which must lie
    /// within <paramref name="parentEnd"/>.
    /// </summary>
    private static long ReadDescriptor(Mp4Boxes boxes, Mp4Box esds, ref long position, int expectedTag, long parentEnd)
    {
        var tag = boxes.U8(esds, position++);
        if (tag != expectedTag)
        {
            throw new Mp4DamageException($"the 'esds' box has descriptor tag {tag} where tag {expectedTag} belongs");
        }

        var size = 0L;
        for (var i = 0; i < 4; i++)
        {
            var b = boxes.U8(esds, position++);
            size = (size << 7) | (b & 0x7Fu);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (position + size > parentEnd)
        {
            throw new Mp4DamageException($"descriptor {tag} of the 'esds' box declares {size} bytes, more than it holds");
        }

        return position + size;
    }
}
