using System.Numerics;

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

    // The adaptive Golomb coder's constants (the reference's ag_dec.c).
    private const int MaxPrefix = 9;
    private const int HistoryShift = 9;
    private const uint MeanClamp = 0xffff;

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

            ReadResiduals(bits, _residuals.AsSpan(0, samples), sampleBits, predictor.HistoryMultiplier);
            Unpredict(_residuals, output, samples, predictor, _coefficientsU, sampleBits);
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

            ReadResiduals(bits, _residuals.AsSpan(0, samples), sampleBits, predictorU.HistoryMultiplier);
            Unpredict(_residuals, left, samples, predictorU, _coefficientsU, sampleBits);
            ReadResiduals(bits, _residuals.AsSpan(0, samples), sampleBits, predictorV.HistoryMultiplier);
            Unpredict(_residuals, right, samples, predictorV, _coefficientsV, sampleBits);
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

    /// <summary>The adaptive Golomb decoding of one channel's residuals, with its runs of zeros (ag_dec.c's dyn_decomp).</summary>
    private void ReadResiduals(AlacBitReader bits, Span<int> output, int sampleBits, int historyMultiplier)
    {
        var history = (uint)_config.InitialHistory;
        var multiplier = (uint)historyMultiplier;
        var limit = _config.RiceLimit;
        var limitMask = limit >= 32 ? uint.MaxValue : (1u << limit) - 1;
        uint afterZeros = 0;
        for (var c = 0; c < output.Length;)
        {
            var k = Math.Min(31 - BitOperations.LeadingZeroCount((history >> HistoryShift) + 3), limit);
            var value = ReadScalar(bits, k, (1u << k) - 1, sampleBits);
            var folded = value + afterZeros;
            var magnitude = (int)((folded + 1) >> 1);
            output[c++] = (folded & 1) != 0 ? -magnitude : magnitude;

            history = (multiplier * folded) + history - ((multiplier * history) >> HistoryShift);
            if (value > MeanClamp)
            {
                history = MeanClamp;
            }

            afterZeros = 0;
            if ((history << 2) < (1u << HistoryShift) && c < output.Length)
            {
                // A quiet stretch: the count of zero residuals that follow, in a code of its own.
                afterZeros = 1;
                var zeroK = BitOperations.LeadingZeroCount(history) - 24 + (int)((history + 16) >> 6);
                var run = (int)ReadScalar(bits, zeroK, ((1u << zeroK) - 1) & limitMask, 16);
                if (run > output.Length - c)
                {
                    throw new AlacDamageException($"a run of {run} zero residuals passes the end of its {output.Length}-sample frame");
                }

                output.Slice(c, run).Clear();
                c += run;
                if (run >= MeanClamp)
                {
                    afterZeros = 0;
                }

                history = 0;
            }
        }
    }

    /// <summary>
    /// One Golomb-Rice code: a unary prefix of ones (9 or more: an escape, and the value follows in
    /// <paramref name="escapeBits"/> bits), then k bits whose value v adds v − 1 when v ≥ 2, else k − 1 bits.
    /// </summary>
    private static uint ReadScalar(AlacBitReader bits, int k, uint multiplier, int escapeBits)
    {
        var prefix = (uint)bits.ReadOnes(MaxPrefix);
        if (prefix >= MaxPrefix)
        {
            return bits.Read(escapeBits);
        }

        var v = bits.Peek(k);
        if (v >= 2)
        {
            bits.Skip(k);
            return (prefix * multiplier) + v - 1;
        }

        bits.Skip(k - 1);
        return prefix * multiplier;
    }

    /// <summary>Runs the adaptive FIR predictor over <paramref name="residuals"/> (dp_dec.c's unpc_block), mode 1+ with the first-order pass before it.</summary>
    private static void Unpredict(int[] residuals, int[] output, int samples, Predictor predictor, short[] coefficients, int sampleBits)
    {
        if (predictor.Mode != 0)
        {
            Unpredict(residuals, residuals, samples, [], 31, sampleBits, 0);
        }

        Unpredict(residuals, output, samples, coefficients, predictor.Order, sampleBits, predictor.Shift);
    }

    private static void Unpredict(int[] residuals, int[] output, int samples, Span<short> coefficients, int order, int sampleBits, int shift)
    {
        var signShift = 32 - sampleBits;
        output[0] = residuals[0];
        if (order == 0)
        {
            residuals.AsSpan(1, samples - 1).CopyTo(output.AsSpan(1));
            return;
        }

        var warmUp = order == 31 ? samples - 1 : Math.Min(order, samples - 1);
        for (var j = 1; j <= warmUp; j++)
        {
            output[j] = ((residuals[j] + output[j - 1]) << signShift) >> signShift;
        }

        if (order == 31)
        {
            return;
        }

        var half = 1 << (shift - 1);
        for (var j = order + 1; j < samples; j++)
        {
            var top = output[j - order - 1];
            var sum = 0;
            for (var k = 0; k < order; k++)
            {
                sum += coefficients[k] * (output[j - 1 - k] - top);
            }

            var residual = residuals[j];
            var remaining = residual;
            output[j] = ((residual + top + ((sum + half) >> shift)) << signShift) >> signShift;

            // Sign-sign adaptation: each coefficient moves a step toward shrinking the error, oldest first, until
            // the error's share is used up.
            if (residual > 0)
            {
                for (var k = order - 1; k >= 0; k--)
                {
                    var difference = top - output[j - 1 - k];
                    var sign = Math.Sign(difference);
                    coefficients[k] -= (short)sign;
                    remaining -= (order - k) * ((sign * difference) >> shift);
                    if (remaining <= 0)
                    {
                        break;
                    }
                }
            }
            else if (residual < 0)
            {
                for (var k = order - 1; k >= 0; k--)
                {
                    var difference = top - output[j - 1 - k];
                    var sign = Math.Sign(difference);
                    coefficients[k] += (short)sign;
                    remaining -= (order - k) * ((-sign * difference) >> shift);
                    if (remaining >= 0)
                    {
                        break;
                    }
                }
            }
        }
    }

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
