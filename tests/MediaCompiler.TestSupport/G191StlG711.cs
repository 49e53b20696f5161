namespace MediaCompiler.TestSupport;

/// <summary>
/// THE REFERENCE, not the product: a literal transcription of the ITU-T G.191 Software Tool Library's g711.c
/// (alaw_compress, alaw_expand, ulaw_compress, ulaw_expand), kept as close to the published C as C# allows (the C
/// works on arrays of short and writes the code words into shorts; the loops over lseg are kept). Deliberately not
/// shared with src/: the product's encoder is tested against this, so it must not be derived from it.
/// </summary>
public static class G191StlG711
{
    public static void AlawCompress(long lseg, short[] linbuf, short[] logbuf)
    {
        short ix, iexp;
        long n;

        for (n = 0; n < lseg; n++)
        {
            ix = linbuf[n] < 0          /* 0 <= ix < 2048 */
                ? (short)((~linbuf[n]) >> 4)       /* 1's complement for negative values */
                : (short)(linbuf[n] >> 4);

            /* Do more, if exponent > 0 */
            if (ix > 15)                /* exponent=0 for ix <= 15 */
            {
                iexp = 1;               /* first step: */
                while (ix > 16 + 15)    /* find mantissa and exponent */
                {
                    ix >>= 1;
                    iexp++;
                }

                ix -= 16;               /* second step: remove leading '1' */

                ix += (short)(iexp << 4);  /* now compute encoded value */
            }

            if (linbuf[n] >= 0)
            {
                ix |= 0x0080;           /* add sign bit */
            }

            logbuf[n] = (short)(ix ^ 0x0055);  /* toggle even bits */
        }
    }

    public static void AlawExpand(long lseg, short[] logbuf, short[] linbuf)
    {
        short ix, mant, iexp;
        long n;

        for (n = 0; n < lseg; n++)
        {
            ix = (short)(logbuf[n] ^ 0x0055);  /* re-toggle toggled bits */

            ix &= 0x007F;               /* remove sign bit */
            iexp = (short)(ix >> 4);    /* extract exponent */
            mant = (short)(ix & 0x000F);  /* now get mantissa */
            if (iexp > 0)
            {
                mant = (short)(mant + 16);  /* add leading '1', if exponent > 0 */
            }

            mant = (short)((mant << 4) + 0x0008);  /* now mantissa left justified and */
            /* 1/2 quantization step added */
            if (iexp > 1)               /* now left shift according exponent */
            {
                mant = (short)(mant << (iexp - 1));
            }

            linbuf[n] = logbuf[n] > 127 /* invert, if negative sample */
                ? mant
                : (short)-mant;
        }
    }

    public static void UlawCompress(long lseg, short[] linbuf, short[] logbuf)
    {
        long n;                         /* samples's count */
        short i;                        /* aux.var. */
        short absno;                    /* absolute value of linear (input) sample */
        short segno;                    /* segment (Table 2/G711, column 1) */
        short low_nibble;               /* low nibble of log companded sample */
        short high_nibble;              /* high nibble of log companded sample */

        for (n = 0; n < lseg; n++)
        {
            /* -------------------------------------------------------------------- */
            /* Change from 14 bit left justified to 14 bit right justified */
            /* Compute absolute value; adjust for easy processing */
            /* -------------------------------------------------------------------- */
            absno = linbuf[n] < 0       /* compute 1's complement in case of */
                ? (short)(((~linbuf[n]) >> 2) + 33)  /* negative samples */
                : (short)((linbuf[n] >> 2) + 33);    /* NB: 33 is the difference value */
            /* between the thresholds for */
            /* A-law and u-law. */
            if (absno > 0x1FFF)         /* limitation to "absno" < 8192 */
            {
                absno = 0x1FFF;
            }

            /* Determination of sample's segment */
            i = (short)(absno >> 6);
            segno = 1;
            while (i != 0)
            {
                segno++;
                i >>= 1;
            }

            /* Mounting the high-nibble of the log-PCM sample */
            high_nibble = (short)(0x0008 - segno);

            /* Mounting the low-nibble of the log PCM sample */
            low_nibble = (short)((absno >> segno)  /* right shift of mantissa and */
                & 0x000F);              /* masking away leading '1' */
            low_nibble = (short)(0x000F - low_nibble);

            /* Joining the high-nibble and the low-nibble of the log PCM sample */
            logbuf[n] = (short)((high_nibble << 4) | (ushort)low_nibble); /* (C# needs the cast; the nibble is 0..15) */

            /* Add sign bit */
            if (linbuf[n] >= 0)
            {
                logbuf[n] = (short)(logbuf[n] | 0x0080);
            }
        }
    }

    public static void UlawExpand(long lseg, short[] logbuf, short[] linbuf)
    {
        long n;                         /* aux.var. */
        short segment;                  /* segment (Table 2/G711, column 1) */
        short mantissa;                 /* low nibble of log companded sample */
        short exponent;                 /* high nibble of log companded sample */
        short sign;                     /* sign of output sample */
        short step;

        for (n = 0; n < lseg; n++)
        {
            sign = logbuf[n] < 0x0080   /* sign-bit = 1 for positiv values */
                ? (short)-1
                : (short)1;
            mantissa = (short)~logbuf[n];  /* 1's complement of input value */
            exponent = (short)((mantissa >> 4) & 0x0007);  /* extract exponent */
            segment = (short)(exponent + 1);  /* compute segment number */
            mantissa = (short)(mantissa & 0x000F);  /* extract mantissa */

            /* Compute Quantized Sample (14 bit left justified!) */
            step = (short)(4 << segment);  /* position of the LSB */
            /* = 1 quantization step) */
            linbuf[n] = (short)(sign *  /* sign */
                ((0x0080 << exponent)   /* '1', preceding the mantissa */
                + (step * mantissa)     /* left shift of mantissa */
                + (step / 2)            /* 1/2 quantization step */
                - (4 * 33)));
        }
    }
}
