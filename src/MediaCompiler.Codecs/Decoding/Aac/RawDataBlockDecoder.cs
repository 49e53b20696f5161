namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Decodes raw_data_block() (ISO/IEC 14496-3 4.4.2.1) into 1024 samples per channel: SCE, LFE and CPE elements in
/// channel order; DSE, PCE and FIL are skipped (a FIL carrying SBR data is remembered). Holds the per-channel state that
/// lives across frames (overlap, window shape) and the noise generator.
/// </summary>
internal sealed class RawDataBlockDecoder
{
    private const int ElementSingle = 0;
    private const int ElementPair = 1;
    private const int ElementCoupling = 2;
    private const int ElementLfe = 3;
    private const int ElementData = 4;
    private const int ElementProgramConfig = 5;
    private const int ElementFill = 6;
    private const int ElementEnd = 7;
    private const int ExtensionSbr = 0xD;
    private const int ExtensionSbrWithCrc = 0xE;

    private readonly int _sampleRateIndex;
    private readonly ChannelStream[] _channels;
    private readonly FilterBank[] _filterBanks;
    private readonly NoiseSubstitution _noise = new();
    private readonly bool[] _msUsed = new bool[IcsInfo.MaxWindowGroups * ChannelStream.BandStride];

    private readonly AacToolUsage? _usage;

    public RawDataBlockDecoder(int sampleRateIndex, int channelCount, AacToolUsage? usage)
    {
        _usage = usage;
        _sampleRateIndex = sampleRateIndex;
        _channels = new ChannelStream[channelCount];
        _filterBanks = new FilterBank[channelCount];
        for (var c = 0; c < channelCount; c++)
        {
            _channels[c] = new ChannelStream();
            _filterBanks[c] = new FilterBank();
        }
    }

    /// <summary>True once any fill element carried SBR extension data (implicitly signalled HE-AAC).</summary>
    public bool SbrSeen { get; private set; }

    /// <summary>Decodes one block into <paramref name="output"/>[channel][0..1024); returns what is wrong, or null.</summary>
    public string? Decode(AacBitReader reader, float[][] output)
    {
        var channel = 0;
        while (true)
        {
            if (reader.Overrun)
            {
                return "the raw data block runs past the end of the frame (no END element)";
            }

            var element = reader.Read(3);
            string? problem;
            switch (element)
            {
                case ElementSingle or ElementLfe:
                    reader.Skip(4);   // element_instance_tag: channels are taken in stream order
                    problem = channel >= _channels.Length
                        ? "the frame holds more channels than its header declares"
                        : DecodeSingle(reader, channel, output[channel]);
                    channel++;
                    break;
                case ElementPair:
                    reader.Skip(4);
                    problem = channel + 1 >= _channels.Length
                        ? "the frame holds more channels than its header declares"
                        : DecodePair(reader, channel, output);
                    channel += 2;
                    break;
                case ElementCoupling:
                    problem = "a coupling channel element (not supported by this AAC-LC decoder)";
                    break;
                case ElementData:
                    problem = SkipDataStream(reader);
                    break;
                case ElementProgramConfig:
                    problem = ProgramConfigSkipper.Skip(reader);
                    break;
                case ElementFill:
                    problem = SkipFill(reader);
                    break;
                default:
                    return channel == _channels.Length
                        ? null
                        : $"the frame holds {channel} channel(s) but its header declares {_channels.Length}";
            }

            if (problem is not null)
            {
                return problem;
            }
        }
    }

    private string? DecodeSingle(AacBitReader reader, int index, float[] output)
    {
        var stream = _channels[index];
        var problem = ChannelStreamReader.Read(reader, stream, false, _sampleRateIndex);
        if (problem is not null)
        {
            return problem;
        }

        _usage?.CountChannel(stream);
        _noise.Apply(stream);
        TnsFilter.Apply(stream);
        _filterBanks[index].Synthesize(stream.Spectrum, stream.Info, output);
        return null;
    }

    private string? DecodePair(AacBitReader reader, int index, float[][] output)
    {
        var left = _channels[index];
        var right = _channels[index + 1];
        var commonWindow = reader.ReadFlag();
        var msMaskPresent = JointStereo.MsMaskNone;
        Array.Clear(_msUsed);
        if (commonWindow)
        {
            var problem = left.Info.Read(reader, _sampleRateIndex);
            if (problem is not null)
            {
                return problem;
            }

            right.Info.CopyFrom(left.Info);
            msMaskPresent = reader.Read(2);
            problem = ReadMsMask(reader, left.Info, msMaskPresent);
            if (problem is not null)
            {
                return problem;
            }
        }

        var channelProblem = ChannelStreamReader.Read(reader, left, commonWindow, _sampleRateIndex)
            ?? ChannelStreamReader.Read(reader, right, commonWindow, _sampleRateIndex);
        if (channelProblem is not null)
        {
            return channelProblem;
        }

        _usage?.CountChannel(left);
        _usage?.CountChannel(right);
        _usage?.CountMidSide(left.Info, msMaskPresent, _msUsed);
        _noise.Apply(left);
        _noise.Apply(right, left, msMaskPresent == JointStereo.MsMaskNone ? null : _msUsed);
        JointStereo.ApplyMidSide(left, right, msMaskPresent, _msUsed);
        JointStereo.ApplyIntensity(left, right, msMaskPresent, _msUsed);
        TnsFilter.Apply(left);
        TnsFilter.Apply(right);
        _filterBanks[index].Synthesize(left.Spectrum, left.Info, output[index]);
        _filterBanks[index + 1].Synthesize(right.Spectrum, right.Info, output[index + 1]);
        return null;
    }

    private string? ReadMsMask(AacBitReader reader, IcsInfo info, int msMaskPresent)
    {
        switch (msMaskPresent)
        {
            case JointStereo.MsMaskPerBand:
                for (var g = 0; g < info.WindowGroupCount; g++)
                {
                    for (var band = 0; band < info.MaxSfb; band++)
                    {
                        _msUsed[(g * ChannelStream.BandStride) + band] = reader.ReadFlag();
                    }
                }

                return null;
            case JointStereo.MsMaskAll:
                Array.Fill(_msUsed, true);
                return null;
            case JointStereo.MsMaskNone:
                return null;
            default:
                return "ms_mask_present has the reserved value 3";
        }
    }

    private static string? SkipDataStream(AacBitReader reader)
    {
        reader.Skip(4);
        var byteAlign = reader.ReadFlag();
        var count = reader.Read(8);
        if (count == 255)
        {
            count += reader.Read(8);
        }

        if (byteAlign)
        {
            reader.ByteAlign();
        }

        reader.Skip(count * 8);
        return reader.Overrun ? "a data stream element runs past the end of the frame" : null;
    }

    private string? SkipFill(AacBitReader reader)
    {
        var count = reader.Read(4);
        if (count == 15)
        {
            count += reader.Read(8) - 1;
        }

        if (count > 0)
        {
            var extensionType = reader.Peek(4);
            SbrSeen |= extensionType is ExtensionSbr or ExtensionSbrWithCrc;
        }

        reader.Skip(count * 8);
        return reader.Overrun ? "a fill element runs past the end of the frame" : null;
    }
}
