using System.Numerics;

namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// ALAC's adaptive Golomb-Rice coder (the reference's ag_dec.c): each residual's Rice parameter follows a running mean
/// of the values before it, and where that mean falls low a count of zero residuals follows in a code of its own.
/// </summary>
internal static class AlacResiduals
{
    private const int MaxPrefix = 9;
    private const int HistoryShift = 9;
    private const uint MeanClamp = 0xffff;

    /// <summary>The adaptive Golomb decoding of one channel's residuals, with its runs of zeros (ag_dec.c's dyn_decomp).</summary>
    public static void Read(AlacBitReader bits, Span<int> output, int sampleBits, int historyMultiplier, int initialHistory, int riceLimit)
    {
        var history = (uint)initialHistory;
        var multiplier = (uint)historyMultiplier;
        var limit = riceLimit;
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
}
