namespace MediaCompiler.Codecs.Decoding.Gsm;

/// <summary>
/// The GSM 06.10 full-rate (RPE-LTP) speech decoder, in the standard's own 16-bit fixed-point arithmetic so that its
/// output is bit-exact: RPE decoding and APCM inverse quantization of each 40-sample sub-frame, long-term synthesis
/// from the pitch lag and gain, short-term synthesis through the interpolated reflection coefficients, then
/// de-emphasis and upscaling (ETSI GSM 06.10 §4.3; the arithmetic follows the standard's reference C of 1992).
/// One instance decodes one stream: each 160-sample frame continues the state of the one before.
/// </summary>
internal sealed class Gsm610
{
    public const int SamplesPerFrame = 160;

    /// <summary>LAR0..7, then per sub-frame Nc, bc, Mc, xmaxc and 13 xMc: 260 bits in all.</summary>
    public const int BitsPerFrame = 260;

    private static readonly int[] LarBits = [6, 6, 5, 5, 4, 4, 3, 3];
    private static readonly short[] Fac = [18431, 20479, 22527, 24575, 26623, 28671, 30719, 32767];
    private static readonly short[] Qlb = [3277, 11469, 21299, 32767];

    // Decoding of the coded log-area ratios (§4.2.15): per coefficient B, MIC and INVA.
    private static readonly short[] LarB = [0, 0, 2048, -2560, 94, -1792, -341, -1144];
    private static readonly short[] LarMic = [-32, -32, -16, -16, -8, -8, -4, -4];
    private static readonly short[] LarInva = [13107, 13107, 13107, 13107, 19223, 17476, 31454, 29708];

    /// <summary>The long-term filter's history (120 samples) and the current sub-frame (40) after it.</summary>
    private readonly short[] _dp0 = new short[160];
    private readonly short[][] _larpp = [new short[8], new short[8]];
    private readonly short[] _v = new short[9];
    private int _j;
    private int _nrp = 40;
    private short _msr;

    /// <summary>Decodes one frame read from <paramref name="bits"/> into 160 samples.</summary>
    public void DecodeFrame(ref GsmBitReader bits, Span<short> output)
    {
        Span<short> larc = stackalloc short[8];
        for (int i = 0; i < 8; i++)
        {
            larc[i] = (short)bits.Read(LarBits[i]);
        }

        Span<short> wt = stackalloc short[SamplesPerFrame];
        Span<short> xmc = stackalloc short[13];
        Span<short> erp = stackalloc short[40];
        for (int subframe = 0; subframe < 4; subframe++)
        {
            int nc = bits.Read(7);
            int bc = bits.Read(2);
            int mc = bits.Read(2);
            int xmaxc = bits.Read(6);
            for (int i = 0; i < 13; i++)
            {
                xmc[i] = (short)bits.Read(3);
            }

            RpeDecoding(xmaxc, mc, xmc, erp);
            LongTermSynthesis(nc, bc, erp);
            _dp0.AsSpan(120, 40).CopyTo(wt.Slice(subframe * 40, 40));
            _dp0.AsSpan(40, 120).CopyTo(_dp0); // the history moves on: drp[-120..-1] = drp[-80..39]
        }

        ShortTermSynthesis(larc, wt, output);
        Postprocess(output);
    }

    private static void RpeDecoding(int xmaxc, int mc, ReadOnlySpan<short> xmc, Span<short> erp)
    {
        // APCM: xmaxc to exponent and mantissa (§4.2.15).
        int exponent = xmaxc > 15 ? (xmaxc >> 3) - 1 : 0;
        int mantissa = xmaxc - (exponent << 3);
        if (mantissa == 0)
        {
            exponent = -4;
            mantissa = 7;
        }
        else
        {
            while (mantissa <= 7)
            {
                mantissa = (mantissa << 1) | 1;
                exponent--;
            }

            mantissa -= 8;
        }

        // APCM inverse quantization (§4.2.16), then the grid positioning (§4.2.17).
        short temp1 = Fac[mantissa];
        short temp2 = Sub(6, (short)exponent);
        short temp3 = Asl(1, Sub(temp2, 1));
        erp.Clear();
        for (int i = 0; i < 13; i++)
        {
            short temp = (short)(((xmc[i] << 1) - 7) << 12);
            temp = MultR(temp1, temp);
            temp = Add(temp, temp3);
            erp[mc + (3 * i)] = Asr(temp, temp2);
        }
    }

    private void LongTermSynthesis(int ncr, int bcr, ReadOnlySpan<short> erp)
    {
        // A lag outside 40..120 keeps the last valid one (§4.2.17).
        int nr = ncr is < 40 or > 120 ? _nrp : ncr;
        _nrp = nr;
        short brp = Qlb[bcr];
        for (int k = 0; k < 40; k++)
        {
            short drpp = MultR(brp, _dp0[120 + k - nr]);
            _dp0[120 + k] = Add(erp[k], drpp);
        }
    }

    private void ShortTermSynthesis(ReadOnlySpan<short> larc, ReadOnlySpan<short> wt, Span<short> output)
    {
        var larppJ = _larpp[_j];
        _j ^= 1;
        var larppJ1 = _larpp[_j];
        for (int i = 0; i < 8; i++)
        {
            short temp1 = (short)(Add(larc[i], LarMic[i]) << 10);
            temp1 = Sub(temp1, (short)(LarB[i] << 1));
            temp1 = MultR(LarInva[i], temp1);
            larppJ[i] = Add(temp1, temp1);
        }

        Span<short> larp = stackalloc short[8];
        // Interpolation of the log-area ratios over the frame: samples 0-12, 13-26, 27-39, 40-159 (§4.2.9).
        for (int i = 0; i < 8; i++)
        {
            larp[i] = Add(Add((short)(larppJ1[i] >> 2), (short)(larppJ[i] >> 2)), (short)(larppJ1[i] >> 1));
        }

        Filter(larp, wt[..13], output[..13]);
        for (int i = 0; i < 8; i++)
        {
            larp[i] = Add((short)(larppJ1[i] >> 1), (short)(larppJ[i] >> 1));
        }

        Filter(larp, wt.Slice(13, 14), output.Slice(13, 14));
        for (int i = 0; i < 8; i++)
        {
            larp[i] = Add(Add((short)(larppJ1[i] >> 2), (short)(larppJ[i] >> 2)), (short)(larppJ[i] >> 1));
        }

        Filter(larp, wt.Slice(27, 13), output.Slice(27, 13));
        larppJ.CopyTo(larp);
        Filter(larp, wt[40..], output[40..]);
    }

    /// <summary>Reflection coefficients from the interpolated LARs (§4.2.10), then the lattice filter (§4.3.4).</summary>
    private void Filter(Span<short> larp, ReadOnlySpan<short> wt, Span<short> output)
    {
        Span<short> rrp = stackalloc short[8];
        for (int i = 0; i < 8; i++)
        {
            short value = larp[i];
            short magnitude = value < 0 ? (value == short.MinValue ? short.MaxValue : (short)-value) : value;
            short r = magnitude < 11059 ? (short)(magnitude << 1)
                : magnitude < 20070 ? (short)(magnitude + 11059)
                : Add((short)(magnitude >> 2), 26112);
            rrp[i] = value < 0 ? (short)-r : r;
        }

        for (int k = 0; k < wt.Length; k++)
        {
            short sri = wt[k];
            for (int i = 7; i >= 0; i--)
            {
                sri = Sub(sri, MultRExact(rrp[i], _v[i]));
                _v[i + 1] = Add(_v[i], MultRExact(rrp[i], sri));
            }

            output[k] = _v[0] = sri;
        }
    }

    private void Postprocess(Span<short> samples)
    {
        short msr = _msr;
        for (int k = 0; k < samples.Length; k++)
        {
            short temp = MultR(msr, 28180);
            msr = Add(samples[k], temp); // de-emphasis
            samples[k] = (short)(Add(msr, msr) & 0xFFF8); // truncation and upscaling
        }

        _msr = msr;
    }

    private static short Add(short a, short b) => (short)Math.Clamp(a + b, short.MinValue, short.MaxValue);

    private static short Sub(short a, short b) => (short)Math.Clamp(a - b, short.MinValue, short.MaxValue);

    /// <summary>Multiplication with rounding, kept to 16 bits as the reference's macro does.</summary>
    private static short MultR(short a, short b) => (short)(((a * b) + 16384) >> 15);

    /// <summary>The lattice filter's multiplication: -1 × -1 saturates to +1 instead of wrapping.</summary>
    private static short MultRExact(short a, short b) =>
        a == short.MinValue && b == short.MinValue ? short.MaxValue : (short)(((a * b) + 16384) >> 15);

    private static short Asl(short a, short n) => n switch
    {
        >= 16 => 0,
        <= -16 => (short)(a < 0 ? -1 : 0),
        < 0 => Asr(a, (short)-n),
        _ => (short)(a << n),
    };

    private static short Asr(short a, short n) => n switch
    {
        >= 16 => (short)(a < 0 ? -1 : 0),
        <= -16 => 0,
        < 0 => (short)(a << -n),
        _ => (short)(a >> n),
    };
}

/// <summary>
/// Reads a frame's fields in one of GSM 06.10's two packings: least significant bit first, as Microsoft's WAV49 packs
/// two frames into 65 bytes; or most significant bit first after a 4-bit 0xD signature, as libgsm and Asterisk store
/// one frame in 33 bytes.
/// </summary>
internal ref struct GsmBitReader(ReadOnlySpan<byte> bytes, bool mostSignificantFirst = false, int firstBit = 0)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position = firstBit;

    public int Read(int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++, _position++)
        {
            value = mostSignificantFirst
                ? (value << 1) | ((_bytes[_position >> 3] >> (7 - (_position & 7))) & 1)
                : value | (((_bytes[_position >> 3] >> (_position & 7)) & 1) << i);
        }

        return value;
    }
}
