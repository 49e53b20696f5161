namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// ALAC's adaptive FIR predictor (the reference's dp_dec.c, unpc_block): it turns a channel's residuals back into
/// samples, adapting its coefficients by the sign of each error as it goes. Order 31 is a plain first-order sum.
/// </summary>
internal static class AlacPredictor
{
    /// <summary>Runs the adaptive FIR predictor over <paramref name="residuals"/> (dp_dec.c's unpc_block), mode 1+ with the first-order pass before it.</summary>
    public static void Run(int[] residuals, int[] output, int samples, int mode, int shift, int order, short[] coefficients, int sampleBits)
    {
        if (mode != 0)
        {
            Unpredict(residuals, residuals, samples, [], 31, sampleBits, 0);
        }

        Unpredict(residuals, output, samples, coefficients, order, sampleBits, shift);
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
}
