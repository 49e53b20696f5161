namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// The synthesis filter bank of one channel (ISO/IEC 14496-3 4.6.11): IMDCT, windowing by window sequence and shape
/// (the left half of a window takes the previous frame's shape), and overlap-add with the previous frame's second half.
/// </summary>
internal sealed class FilterBank
{
    private const int FrameLength = 1024;
    private const int ShortLength = 128;

    // Long-start and long-stop windows are flat or zero outside a short slope centred on the block boundary.
    private const int FlatLength = (FrameLength - ShortLength) / 2;   // 448

    // Per channel, not shared: the transforms keep scratch buffers, and decoders may run on several threads.
    private readonly Imdct _longTransform = new(2 * FrameLength);
    private readonly Imdct _shortTransform = new(2 * ShortLength);

    private readonly float[] _overlap = new float[FrameLength];
    private readonly float[] _block = new float[2 * FrameLength];
    private readonly float[] _shortBlock = new float[2 * ShortLength];
    private int _previousShape;

    /// <summary>Turns one frame's spectrum (1024 coefficients; 8×128 for short windows) into 1024 samples.</summary>
    public void Synthesize(float[] spectrum, IcsInfo info, Span<float> output)
    {
        if (info.IsShort)
        {
            SynthesizeShort(spectrum, info.WindowShape);
        }
        else
        {
            _longTransform.Transform(spectrum, _block);
            WindowLong(info.Sequence, info.WindowShape);
        }

        for (var n = 0; n < FrameLength; n++)
        {
            output[n] = _block[n] + _overlap[n];
        }

        Array.Copy(_block, FrameLength, _overlap, 0, FrameLength);
        _previousShape = info.WindowShape;
    }

    private void WindowLong(WindowSequence sequence, int shape)
    {
        var left = WindowShapes.RisingHalf(_previousShape, sequence == WindowSequence.LongStop);
        var right = WindowShapes.RisingHalf(shape, sequence == WindowSequence.LongStart);

        if (sequence == WindowSequence.LongStop)
        {
            _block.AsSpan(0, FlatLength).Clear();
            for (var n = 0; n < ShortLength; n++)
            {
                _block[FlatLength + n] *= left[n];
            }
        }
        else
        {
            for (var n = 0; n < FrameLength; n++)
            {
                _block[n] *= left[n];
            }
        }

        if (sequence == WindowSequence.LongStart)
        {
            var slope = FrameLength + FlatLength;
            for (var n = 0; n < ShortLength; n++)
            {
                _block[slope + n] *= right[ShortLength - 1 - n];
            }

            _block.AsSpan(slope + ShortLength).Clear();
        }
        else
        {
            for (var n = 0; n < FrameLength; n++)
            {
                _block[FrameLength + n] *= right[FrameLength - 1 - n];
            }
        }
    }

    // Eight short blocks, each windowed and overlap-added at 448 + 128w inside the 2048-sample block.
    private void SynthesizeShort(float[] spectrum, int shape)
    {
        Array.Clear(_block);
        var current = WindowShapes.RisingHalf(shape, true);
        for (var w = 0; w < 8; w++)
        {
            _shortTransform.Transform(spectrum.AsSpan(w * ShortLength, ShortLength), _shortBlock);
            var left = w == 0 ? WindowShapes.RisingHalf(_previousShape, true) : current;
            var start = FlatLength + (w * ShortLength);
            for (var n = 0; n < ShortLength; n++)
            {
                _block[start + n] += _shortBlock[n] * left[n];
                _block[start + ShortLength + n] += _shortBlock[ShortLength + n] * current[ShortLength - 1 - n];
            }
        }
    }
}
