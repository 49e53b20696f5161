namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// Decodes ALAC packets (Apple Lossless, as Apple's open-source reference decoder of 2011 defines them) into integer
/// samples, exactly: each channel's residuals come from an adaptive Golomb-Rice coder, an adaptive FIR predictor turns
/// them back into samples, a stereo pair is un-mixed, and the low bytes a packet shifted off are put back. The
/// arithmetic, wrap-arounds included, is the reference's, so a decode matches the source bit for bit.
/// A packet that breaks the format's rules is an <see cref="AlacDamageException"/>; no read goes past its bytes and no
/// buffer is sized by anything but the configuration (whose frame length <see cref="AlacConfig"/> bounds).
/// </summary>
internal sealed class AlacFrameDecoder
{
    private const int SingleChannelElement = 0;
    private const int ChannelPairElement = 1;
    private const int CouplingChannelElement = 2;
    private const int LowFrequencyElement = 3;
    private const int DataStreamElement = 4;
    private const int ProgramConfigElement = 5;
    private const int FillElement = 6;
    private const int EndElement = 7;

    /// <summary>
    /// Where each channel of a packet goes, by channel count: ALAC orders a layout's elements centre first (3 channels:
    /// C, L, R; 5.1: C, L, R, Ls, Rs, LFE), and <see cref="Channels"/> gives them in WAV order (L, R, C, LFE, Ls, Rs...),
    /// as Apple's channel layout tags and ffmpeg's decoder map them.
    /// </summary>
    private static readonly int[][] WavOrder =
    [
        [0],
        [0, 1],
        [2, 0, 1],
        [2, 0, 1, 3],
        [2, 0, 1, 3, 4],
        [2, 0, 1, 4, 5, 3],
        [2, 0, 1, 4, 5, 6, 3],
        [2, 6, 7, 0, 1, 4, 5, 3],
    ];

    private readonly AlacConfig _config;
    private readonly int[] _slots;
    private readonly int[][] _channels;
    private readonly int[] _residuals;
    private readonly uint[] _shiftedU;
    private readonly uint[] _shiftedV;
    private readonly short[] _coefficientsU = new short[32];
    private readonly short[] _coefficientsV = new short[32];

    public AlacFrameDecoder(AlacConfig config)
    {
        _config = config;
        _slots = WavOrder[config.Channels - 1];
        _channels = new int[config.Channels][];
        for (var c = 0; c < config.Channels; c++)
        {
            _channels[c] = new int[config.FrameLength];
        }

        _residuals = new int[config.FrameLength];
        _shiftedU = new uint[config.FrameLength];
        _shiftedV = new uint[config.FrameLength];
    }

    /// <summary>The last packet's samples, channel by channel in WAV order, as signed integers of the configuration's bit depth.</summary>
    public IReadOnlyList<int[]> Channels => _channels;

    /// <summary>Decodes one packet into <see cref="Channels"/>; returns how many samples per channel it holds.</summary>
    public int Decode(byte[] data, int offset, int length)
    {
        var bits = new AlacBitReader(data, offset, length);
        var channel = 0;
        var samples = 0;
        while (channel < _config.Channels)
        {
            var element = (int)bits.Read(3);
            switch (element)
            {
                case SingleChannelElement or LowFrequencyElement:
                    samples = Agree(samples, DecodeSingle(bits, _channels[_slots[channel]]));
                    channel++;
                    break;
                case ChannelPairElement when channel + 2 <= _config.Channels:
                    samples = Agree(samples, DecodePair(bits, _channels[_slots[channel]], _channels[_slots[channel + 1]]));
                    channel += 2;
                    break;
                case ChannelPairElement:
                    throw new AlacDamageException($"a packet holds a channel pair where only {_config.Channels - channel} of its {_config.Channels} channels are left");
                case DataStreamElement:
                    SkipDataStream(bits);
                    break;
                case FillElement:
                    SkipFill(bits);
                    break;
                case EndElement:
                    throw new AlacDamageException($"a packet ends after {channel} of the {_config.Channels} channels its configuration declares");
                default:
                    throw new AlacDamageException(
                        $"a packet holds a {(element == CouplingChannelElement ? "coupling channel" : element == ProgramConfigElement ? "program config" : "reserved")} element, which ALAC does not use");
            }
        }

        return samples;
    }

    private static int Agree(int samples, int element) =>
        samples == 0 || samples == element
            ? element
            : throw new AlacDamageException($"the elements of a packet disagree on its length ({samples} and {element} samples)");

    private int DecodeSingle(AlacBitReader bits, int[] output)
    {
        var (samples, shift, escaped) = ReadElementHeader(bits);
        if (escaped)
        {
            ReadVerbatim(bits, output, samples);
        }
        else
        {
            var sampleBits = _config.BitDepth - shift;
            bits.Skip(16);   // mixing bits and residue: only a pair mixes
            var predictor = ReadPredictor(bits, _coefficientsU);
            for (var i = 0; shift != 0 && i < samples; i++)
            {
                _shiftedU[i] = bits.Read(shift);
            }

            Residuals(bits, samples, sampleBits, predictor);
            AlacPredictor.Run(_residuals, output, samples, predictor.Mode, predictor.Shift, predictor.Order, _coefficientsU, sampleBits);
            for (var i = 0; shift != 0 && i < samples; i++)
            {
                output[i] = (output[i] << shift) | (int)_shiftedU[i];
            }
        }

        SignExtend(output, samples);
        return samples;
    }

    private int DecodePair(AlacBitReader bits, int[] left, int[] right)
    {
        var (samples, shift, escaped) = ReadElementHeader(bits);
        int mixBits = 0, mixResidue = 0;
        if (escaped)
        {
            for (var i = 0; i < samples; i++)
            {
                left[i] = bits.ReadSigned(_config.BitDepth);
                right[i] = bits.ReadSigned(_config.BitDepth);
            }

            shift = 0;
        }
        else
        {
            // The pair's difference channel needs one bit more than a sample has.
            var sampleBits = _config.BitDepth - shift + 1;
            if (sampleBits > 32)
            {
                throw new AlacDamageException($"a channel pair of {_config.BitDepth}-bit samples shifts off no byte, so its difference channel does not fit in 32 bits");
            }

            mixBits = (int)bits.Read(8);
            mixResidue = (sbyte)bits.Read(8);
            if (mixResidue != 0 && mixBits > 31)
            {
                throw new AlacDamageException($"a channel pair is mixed with the shift {mixBits} (at most 31)");
            }

            var predictorU = ReadPredictor(bits, _coefficientsU);
            var predictorV = ReadPredictor(bits, _coefficientsV);
            for (var i = 0; shift != 0 && i < samples; i++)
            {
                _shiftedU[i] = bits.Read(shift);
                _shiftedV[i] = bits.Read(shift);
            }

            Residuals(bits, samples, sampleBits, predictorU);
            AlacPredictor.Run(_residuals, left, samples, predictorU.Mode, predictorU.Shift, predictorU.Order, _coefficientsU, sampleBits);
            Residuals(bits, samples, sampleBits, predictorV);
            AlacPredictor.Run(_residuals, right, samples, predictorV.Mode, predictorV.Shift, predictorV.Order, _coefficientsV, sampleBits);
        }

        for (var i = 0; i < samples; i++)
        {
            int u = left[i], v = right[i];
            if (mixResidue != 0)
            {
                u = u + v - ((mixResidue * v) >> mixBits);
                v = u - v;
            }

            left[i] = shift == 0 ? u : (u << shift) | (int)_shiftedU[i];
            right[i] = shift == 0 ? v : (v << shift) | (int)_shiftedV[i];
        }

        SignExtend(left, samples);
        SignExtend(right, samples);
        return samples;
    }

    /// <summary>
    /// An element's header: 4 bits of instance tag, 12 reserved zero bits, then a partial-frame flag (with the
    /// packet's own length in 32 bits after the header), the bytes shifted off each sample (0-2) and the escape flag
    /// (samples stored verbatim).
    /// </summary>
    private (int Samples, int ShiftBits, bool Escaped) ReadElementHeader(AlacBitReader bits)
    {
        bits.Skip(4);
        if (bits.Read(12) != 0)
        {
            throw new AlacDamageException("an element's 12 reserved header bits are not zero");
        }

        var header = bits.Read(4);
        var shiftBits = (int)((header >> 1) & 3) * 8;
        if (shiftBits == 24 || shiftBits >= _config.BitDepth)
        {
            throw new AlacDamageException($"an element shifts {shiftBits / 8} bytes off its {_config.BitDepth}-bit samples");
        }

        var samples = _config.FrameLength;
        if ((header & 8) != 0)
        {
            var declared = bits.Read(32);
            if (declared == 0 || declared > _config.FrameLength)
            {
                throw new AlacDamageException($"a packet declares {declared} samples; the configuration's frames hold {_config.FrameLength}");
            }

            samples = (int)declared;
        }

        return (samples, shiftBits, (header & 1) != 0);
    }

    private void ReadVerbatim(AlacBitReader bits, int[] output, int samples)
    {
        for (var i = 0; i < samples; i++)
        {
            output[i] = bits.ReadSigned(_config.BitDepth);
        }
    }

    private readonly record struct Predictor(int Mode, int Shift, int HistoryMultiplier, int Order);

    private Predictor ReadPredictor(AlacBitReader bits, short[] coefficients)
    {
        if (_config.RiceLimit == 0)
        {
            throw new AlacDamageException("a packet is compressed, but the configuration's Rice limit is 0 (verbatim frames only)");
        }

        var modeAndShift = bits.Read(8);
        var factorAndOrder = bits.Read(8);
        var order = (int)(factorAndOrder & 31);
        for (var i = 0; i < order; i++)
        {
            coefficients[i] = (short)bits.Read(16);
        }

        var shift = (int)(modeAndShift & 15);
        if (shift == 0 && order is not (0 or 31))
        {
            throw new AlacDamageException($"a predictor of order {order} has the quantization shift 0");
        }

        return new Predictor((int)(modeAndShift >> 4), shift, (_config.HistoryMultiplier * (int)(factorAndOrder >> 5)) / 4, order);
    }

    private void Residuals(AlacBitReader bits, int samples, int sampleBits, Predictor predictor) =>
        AlacResiduals.Read(bits, _residuals.AsSpan(0, samples), sampleBits, predictor.HistoryMultiplier, _config.InitialHistory, _config.RiceLimit);

    /// <summary>The output word: a sample of the configuration's depth, as the reference stores it (16-bit words, 3-byte words).</summary>
    private void SignExtend(int[] samples, int count)
    {
        var shift = 32 - _config.BitDepth;
        for (var i = 0; shift != 0 && i < count; i++)
        {
            samples[i] = (samples[i] << shift) >> shift;
        }
    }

    /// <summary>A data stream element: 4-bit tag, align flag, an 8-bit count (plus 8 more bits when 255), then that many bytes.</summary>
    private static void SkipDataStream(AlacBitReader bits)
    {
        bits.Skip(4);
        var aligned = bits.Read(1) == 1;
        var count = bits.Read(8);
        if (count == 255)
        {
            count += bits.Read(8);
        }

        if (aligned)
        {
            bits.AlignToByte();
        }

        bits.Skip(count * 8);
    }

    /// <summary>A fill element: a 4-bit count (15: plus an 8-bit one, less one), then that many bytes.</summary>
    private static void SkipFill(AlacBitReader bits)
    {
        var count = bits.Read(4);
        if (count == 15)
        {
            count += bits.Read(8) - 1;
        }

        bits.Skip(count * 8);
    }
}
