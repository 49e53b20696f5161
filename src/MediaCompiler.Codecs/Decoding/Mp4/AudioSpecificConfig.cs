using MediaCompiler.Codecs.Decoding.Aac;

namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// The AudioSpecificConfig of ISO/IEC 14496-3 1.6.2.1 (in MP4 the DecoderSpecificInfo of the esds box): what ADTS
/// repeats in every frame header, said once. Only what the AAC-LC decoder needs and what marks a stream it must refuse
/// is kept.
/// </summary>
/// <param name="ObjectType">The core audio object type (2 = AAC-LC), after any SBR/PS wrapper.</param>
/// <param name="SampleRate">The core's sampling rate in Hz (explicit or from the index).</param>
/// <param name="SampleRateIndex">The index whose band tables decode the core (for an explicit rate, the nearest one).</param>
/// <param name="ChannelConfiguration">1-7 as in Table 1.19; 0 means a program config element gives the layout.</param>
/// <param name="HeAac">How SBR or PS is signalled (hierarchical object type 5/29 or the sync extension), or null.</param>
/// <param name="ShortFrames">frameLengthFlag: 960-sample frames, which the decoder does not do.</param>
internal sealed record AudioSpecificConfig(
    int ObjectType, int SampleRate, int SampleRateIndex, int ChannelConfiguration, string? HeAac, bool ShortFrames)
{
    public const int LowComplexity = 2;
    private const int Sbr = 5;
    private const int ParametricStereo = 29;
    private const int SyncExtensionSbr = 0x2B7;
    private const int ExplicitRate = 15;

    // Table 4.82: an explicit rate decodes with the tables of the standard rate whose range holds it.
    private static readonly int[] NearestIndexFloor = [92017, 75132, 55426, 46009, 37566, 27713, 23004, 18783, 13856, 11502, 9391];

    public string ObjectTypeName => ObjectType switch
    {
        1 => "Main",
        2 => "LC",
        3 => "SSR",
        4 => "LTP",
        17 => "ER AAC-LC",
        23 => "ER AAC-LD",
        39 => "ER AAC-ELD",
        42 => "USAC (xHE-AAC)",
        _ => $"audio object type {ObjectType}",
    };

    public static AudioSpecificConfig Parse(byte[] config)
    {
        if (config.Length < 2)
        {
            throw new Mp4DamageException($"the AudioSpecificConfig is {config.Length} byte(s), too short to say the format");
        }

        var reader = new AacBitReader(config, 0, config.Length);
        var objectType = ReadObjectType(reader);
        var (rate, index) = ReadSampleRate(reader);
        var channels = reader.Read(4);
        if (channels > 7)
        {
            throw new Mp4DamageException($"the AudioSpecificConfig's channelConfiguration {channels} is reserved");
        }

        string? heAac = null;
        if (objectType is Sbr or ParametricStereo)
        {
            heAac = objectType == Sbr
                ? "its AudioSpecificConfig declares SBR (audio object type 5, HE-AAC)"
                : "its AudioSpecificConfig declares parametric stereo (audio object type 29, HE-AAC v2)";
            ReadSampleRate(reader);   // the extension (output) rate; the core rate is the one above
            objectType = ReadObjectType(reader);
        }

        var shortFrames = false;
        if (objectType == LowComplexity)
        {
            shortFrames = reader.ReadFlag();
            if (reader.ReadFlag())
            {
                reader.Skip(14);   // coreCoderDelay
            }

            reader.Skip(1);   // extensionFlag: 0 for AAC-LC
            if (channels == 0)
            {
                // A program_config_element follows; the layout it gives is refused before decoding, so its length
                // does not matter and the backward-compatible extension after it is not looked for.
                return new AudioSpecificConfig(objectType, rate, index, channels, heAac, shortFrames);
            }

            heAac ??= ReadSyncExtension(reader);
        }

        if (reader.Overrun)
        {
            throw new Mp4DamageException($"the AudioSpecificConfig ({config.Length} bytes) ends inside its fields");
        }

        return new AudioSpecificConfig(objectType, rate, index, channels, heAac, shortFrames);
    }

    /// <summary>1.6.2.1 GetAudioObjectType(): five bits, 31 escaping to 32 + six more.</summary>
    private static int ReadObjectType(AacBitReader reader)
    {
        var type = reader.Read(5);
        return type == 31 ? 32 + reader.Read(6) : type;
    }

    private static (int Rate, int Index) ReadSampleRate(AacBitReader reader)
    {
        var index = reader.Read(4);
        if (index == ExplicitRate)
        {
            var rate = reader.Read(24);
            if (rate == 0)
            {
                throw new Mp4DamageException("the AudioSpecificConfig gives an explicit sampling rate of 0 Hz");
            }

            var nearest = Array.FindIndex(NearestIndexFloor, floor => rate >= floor);
            return (rate, nearest < 0 ? NearestIndexFloor.Length : nearest);
        }

        if (index >= AacSamplingTables.SampleRates.Length)
        {
            throw new Mp4DamageException($"the AudioSpecificConfig's sampling_frequency_index {index} is reserved");
        }

        return (AacSamplingTables.SampleRates[index], index);
    }

    /// <summary>
    /// The backward-compatible explicit signalling of 1.6.5.2: after an AAC-LC config, the sync word 0x2B7 with
    /// extension object type 5 and sbrPresentFlag set says the stream carries SBR a plain LC decoder would ignore.
    /// </summary>
    private static string? ReadSyncExtension(AacBitReader reader)
    {
        if (reader.BitsLeft < 16 || reader.Peek(11) != SyncExtensionSbr)
        {
            return null;
        }

        reader.Skip(11);
        return ReadObjectType(reader) == Sbr && reader.ReadFlag()
            ? "its AudioSpecificConfig signals SBR (sync extension 0x2B7 with sbrPresentFlag set, HE-AAC)"
            : null;
    }
}
