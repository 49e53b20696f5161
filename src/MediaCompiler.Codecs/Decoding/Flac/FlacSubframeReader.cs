namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// Decodes one subframe (RFC 9639 section 9.2): CONSTANT, VERBATIM, FIXED (orders 0-4) or LPC (orders 1-32), with
/// wasted bits, over a Rice or Rice2 coded residual with escaped partitions. Samples are integers at the subframe's
/// width (the frame's, plus one for a side channel, which still fits in 32 bits for the widths decoded here).
/// </summary>
internal static class FlacSubframeReader
{
    private const int MaxFixedOrder = 4;

    /// <summary>Fills <paramref name="samples"/> (the block) with the subframe's samples.</summary>
    public static void Read(FlacBitReader reader, Span<int> samples, int bitsPerSample, FlacToolUsage? usage)
    {
        if (reader.ReadBits(1) != 0)
        {
            throw new FlacDamageException("a subframe header's padding bit is set");
        }

        int type = (int)reader.ReadBits(6);
        int wasted = 0;
        if (reader.ReadBits(1) != 0)
        {
            uint zeros = reader.ReadUnary();
            if (zeros + 1L >= bitsPerSample)
            {
                throw new FlacDamageException($"a subframe claims {zeros + 1L} wasted bits of {bitsPerSample}");
            }

            wasted = (int)zeros + 1;

            usage?.Count(FlacTool.WastedBits);
        }

        int bits = bitsPerSample - wasted;
        switch (type)
        {
            case 0:
                samples.Fill(reader.ReadSigned(bits));
                usage?.Count(FlacTool.Constant);
                break;
            case 1:
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = reader.ReadSigned(bits);
                }

                usage?.Count(FlacTool.Verbatim);
                break;
            case >= 8 and <= 8 + MaxFixedOrder:
                ReadFixed(reader, samples, bits, type - 8, usage);
                break;
            case >= 32:
                ReadLpc(reader, samples, bits, type - 31, usage);
                break;
            default:
                throw new FlacDamageException($"a subframe uses the reserved type {type}");
        }

        if (wasted > 0)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] <<= wasted;
            }
        }
    }

    private static void ReadFixed(FlacBitReader reader, Span<int> samples, int bits, int order, FlacToolUsage? usage)
    {
        ReadWarmUp(reader, samples, bits, order);
        ReadResidual(reader, samples, order, usage);
        usage?.Count(FlacTool.Fixed0 + order);

        // The fixed predictors are the polynomial extrapolations of RFC 9639 section 9.2.5; int arithmetic suffices,
        // as order 4 multiplies a 25-bit side sample by at most 16.
        switch (order)
        {
            case 1:
                for (int i = 1; i < samples.Length; i++)
                {
                    samples[i] += samples[i - 1];
                }

                break;
            case 2:
                for (int i = 2; i < samples.Length; i++)
                {
                    samples[i] += (2 * samples[i - 1]) - samples[i - 2];
                }

                break;
            case 3:
                for (int i = 3; i < samples.Length; i++)
                {
                    samples[i] += (3 * (samples[i - 1] - samples[i - 2])) + samples[i - 3];
                }

                break;
            case 4:
                for (int i = 4; i < samples.Length; i++)
                {
                    samples[i] += (4 * (samples[i - 1] + samples[i - 3])) - (6 * samples[i - 2]) - samples[i - 4];
                }

                break;
        }
    }

    private static void ReadLpc(FlacBitReader reader, Span<int> samples, int bits, int order, FlacToolUsage? usage)
    {
        ReadWarmUp(reader, samples, bits, order);
        int precision = (int)reader.ReadBits(4) + 1;
        if (precision == 16)
        {
            throw new FlacDamageException("an LPC subframe uses the invalid coefficient precision code 15");
        }

        int shift = reader.ReadSigned(5);
        if (shift < 0)
        {
            throw new FlacDamageException($"an LPC subframe gives a negative shift ({shift})");
        }

        Span<int> coefficients = stackalloc int[order];
        for (int j = 0; j < order; j++)
        {
            coefficients[j] = reader.ReadSigned(precision);
        }

        ReadResidual(reader, samples, order, usage);
        usage?.Count(FlacTool.Lpc, order);
        Predict(samples, coefficients, shift, bits);
    }

    /// <summary>
    /// Adds the prediction to the residual in place: sample[i] += (sum of c[j] * sample[i-1-j]) >> shift. The sum
    /// needs 64 bits in general (a 25-bit side sample times a 15-bit coefficient over 32 taps is 45 bits); when the
    /// coefficients bound it to 32 bits, as for most 16-bit streams, the cheaper 32-bit sum is exact.
    /// </summary>
    private static void Predict(Span<int> samples, ReadOnlySpan<int> coefficients, int shift, int bits)
    {
        int order = coefficients.Length;

        // Reversed, so that coefficient k multiplies history[k] of the window samples[i - order .. i).
        Span<int> reversed = stackalloc int[order];
        long magnitude = 0;
        for (int k = 0; k < order; k++)
        {
            reversed[k] = coefficients[order - 1 - k];
            magnitude += Math.Abs((long)coefficients[k]);
        }

        // |sum| <= (sum of |c|) * 2^(bits-1), which stays below 2^31 when the coefficients' magnitudes add up to
        // less than 2^(32-bits).
        bool fitsInt = bits < 32 && magnitude < (1L << (32 - bits));
        for (int i = order; i < samples.Length; i++)
        {
            var history = samples.Slice(i - order, order);
            if (fitsInt)
            {
                int sum = 0;
                for (int k = 0; k < reversed.Length; k++)
                {
                    sum += reversed[k] * history[k];
                }

                samples[i] += sum >> shift;
            }
            else
            {
                long sum = 0;
                for (int k = 0; k < reversed.Length; k++)
                {
                    sum += (long)reversed[k] * history[k];
                }

                samples[i] += (int)(sum >> shift);
            }
        }
    }

    private static void ReadWarmUp(FlacBitReader reader, Span<int> samples, int bits, int order)
    {
        if (order > samples.Length)
        {
            throw new FlacDamageException($"a subframe's predictor order {order} exceeds its block of {samples.Length} samples");
        }

        for (int i = 0; i < order; i++)
        {
            samples[i] = reader.ReadSigned(bits);
        }
    }

    /// <summary>Reads the residual (RFC 9639 section 9.2.7) into samples[order..].</summary>
    private static void ReadResidual(FlacBitReader reader, Span<int> samples, int order, FlacToolUsage? usage)
    {
        uint method = reader.ReadBits(2);
        if (method > 1)
        {
            throw new FlacDamageException($"a residual uses the reserved coding method {method}");
        }

        int parameterBits = method == 0 ? 4 : 5;
        int escape = (1 << parameterBits) - 1;
        int partitionOrder = (int)reader.ReadBits(4);
        int partitions = 1 << partitionOrder;
        int blockSize = samples.Length;
        if ((blockSize & (partitions - 1)) != 0 || (blockSize >> partitionOrder) < order)
        {
            throw new FlacDamageException($"a residual's partition order {partitionOrder} does not fit its block of {blockSize} samples");
        }

        usage?.Count(method == 0 ? FlacTool.Rice : FlacTool.Rice2);
        int start = order;
        for (int partition = 0; partition < partitions; partition++)
        {
            int end = (partition + 1) * (blockSize >> partitionOrder);
            var residual = samples[start..end];
            int parameter = (int)reader.ReadBits(parameterBits);
            if (parameter == escape)
            {
                int rawBits = (int)reader.ReadBits(5);
                for (int i = 0; i < residual.Length; i++)
                {
                    residual[i] = reader.ReadSigned(rawBits);
                }

                usage?.Count(FlacTool.EscapedPartition);
            }
            else
            {
                reader.ReadRice(residual, parameter);
            }

            start = end;
        }
    }
}
