// Vendored from NLayer 2.0.0 (https://github.com/naudio/NLayer, MIT licence, (c) Mark Heath, Andrew Ward &
// Contributors; portions (c) Fluendo S.A., MIT), split into partial files; our changes are marked "MediaCompiler:".
// The full licence text is LICENSE.txt in this folder.

using System;
using System.Collections.Generic;

namespace MediaCompiler.Codecs.Decoding.Mp3.NLayer
{
    sealed partial class LayerIIIDecoder
    {
        #region Stereo

        #region Variables

        static readonly float[][] _isRatio = {
                                                 new float[] { 0f, 0.211324865405187f, 0.366025403784439f, 0.5f, 0.633974596215561f, 0.788675134594813f, 1f },
                                                 new float[] { 1f, 0.788675134594813f, 0.633974596215561f, 0.5f, 0.366025403784439f, 0.211324865405187f, 0f }
                                             };

        static readonly float[][][] _lsfRatio = {   // sfc%2, ch, isPos
                                                    new float[][]
                                                    {
                                                        new float[] { 1f, 0.840896415256f, 1f, 0.707106781190391f, 1f, 0.594603557506209f, 1f, 0.500000000005436f, 1f, 0.420448207632571f, 1f, 0.353553390599039f, 1f, 0.297301778756337f, 1f, 0.250000000005436f, 1f, 0.210224103818571f, 1f, 0.176776695301441f, 1f, 0.148650889379784f, 1f, 0.125000000004077f, 1f, 0.105112051910428f, 1f, 0.0883883476516816f, 1f, 0.0743254446907002f, 1f, 0.0625000000027179f },
                                                        new float[] { 1f, 1f, 0.840896415256f, 1f, 0.707106781190391f, 1f, 0.594603557506209f, 1f, 0.500000000005436f, 1f, 0.420448207632571f, 1f, 0.353553390599039f, 1f, 0.297301778756337f, 1f, 0.250000000005436f, 1f, 0.210224103818571f, 1f, 0.176776695301441f, 1f, 0.148650889379784f, 1f, 0.125000000004077f, 1f, 0.105112051910428f, 1f, 0.0883883476516816f, 1f, 0.0743254446907002f, 1f },
                                                    },
                                                    new float[][]
                                                    {
                                                        new float[] { 1f, 0.707106781188f, 1f, 0.500000000002054f, 1f, 0.353553390595452f, 1f, 0.250000000002054f, 1f, 0.176776695298452f, 1f, 0.125000000001541f, 1f, 0.0883883476495893f, 1f, 0.062500000001027f, 1f, 0.0441941738249762f, 1f, 0.0312500000006419f, 1f, 0.0220970869125789f, 1f, 0.0156250000003851f, 1f, 0.0110485434563348f, 1f, 0.00781250000022466f, 1f, 0.00552427172819011f, 1f, 0.00390625000012838f },
                                                        new float[] { 1f, 1f, 0.707106781188f, 1f, 0.500000000002054f, 1f, 0.353553390595452f, 1f, 0.250000000002054f, 1f, 0.176776695298452f, 1f, 0.125000000001541f, 1f, 0.0883883476495893f, 1f, 0.062500000001027f, 1f, 0.0441941738249762f, 1f, 0.0312500000006419f, 1f, 0.0220970869125789f, 1f, 0.0156250000003851f, 1f, 0.0110485434563348f, 1f, 0.00781250000022466f, 1f, 0.00552427172819011f, 1f },
                                                    },
                                                };

        #endregion

        void Stereo(MpegChannelMode channelMode, int chanModeExt, int gr, bool lsf)
        {
            // do the stereo decoding as needed...  This really only applies in two cases:
            //  1) Joint Stereo and one (or both) of the extensions are enabled, or
            //  2) We're doing a downmix to mono

            if (channelMode == MpegChannelMode.JointStereo && chanModeExt != 0)
            {
                var midSide = (chanModeExt & 0x2) == 2;

                if ((chanModeExt & 0x1) == 1)
                {
                    IntensityStereo(gr, midSide, lsf);
                }
                else if (midSide)
                {
                    // just do mid/side processing for everything
                    ApplyMidSide(0, SBLIMIT * SSLIMIT);
                }
                else
                {
                    // this is a no-op most of the time
                    ApplyFullStereo(0, SSLIMIT * SBLIMIT);
                }
            }
            else if (_channels != 1)
            {
                // this is a no-op most of the time
                ApplyFullStereo(0, SSLIMIT * SBLIMIT);
            }
        }

        // MediaCompiler: NLayer's intensity stereo decoded wrongly (ffmpeg and mpg123, which agree with each other to
        // NCC 1.000000 on the same streams, measured 0.996-0.9997 whole-file and 10 ms windows down to 0.48 against it).
        // Its search for where intensity coding starts read the right channel from line 543 instead of 575; for short
        // blocks it stopped after the top band of one window (a window index of -1 ended its loop), so windows 1 and 2
        // were intensity-decoded over lines the right channel codes; it wrote band 12 at band 11's position; it applied
        // band 21 as intensity even where the right channel codes lines in it; in mixed blocks its long part got no
        // mid/side; and for MPEG-2/2.5 it took intensity_scale from the left channel's scalefac_compress (ISO/IEC
        // 13818-3 2.4.3.2: the right channel's) and treated positions >= 7 as "no intensity" where the illegal position
        // is 2^slen - 1 of the band's scalefactor length. Rewritten after ISO/IEC 11172-3 2.4.3.4.9.3 as ffmpeg
        // structures it: from the top band down, per window for short blocks, a band is intensity-coded until the first
        // band (in that window) where the right channel has a non-zero line; every band at or below that one, and every
        // band whose position is the illegal one, is mid/side (or left/right) coded. The highest band, which carries no
        // scalefactor, takes the position of the band below it (band 21 from 20, short band 12 from 11).
        void IntensityStereo(int gr, bool midSide, bool lsf)
        {
            var right = _samples[1];
            var shortBlocks = _blockSplitFlag[gr][1] && _blockType[gr][1] == 2;
            var mixed = shortBlocks && _mixedBlockFlag[gr][1];

            // NLayer's scalefactor layout for mixed blocks: long bands 0-7, then short bands from 3.
            var longEnd = shortBlocks ? (mixed ? 8 : 0) : 22;
            var shortStart = mixed ? 3 : 0;
            Span<bool> nonZeroInWindow = stackalloc bool[3];

            if (shortBlocks)
            {
                for (var sfb = 12; sfb >= shortStart; sfb--)
                {
                    var width = _sfBandIndexS[sfb + 1] - _sfBandIndexS[sfb];
                    for (var window = 0; window < 3; window++)
                    {
                        var start = _sfBandIndexS[sfb] * 3 + width * window;
                        nonZeroInWindow[window] |= AnyNonZero(right, start, width);
                        var positionBand = Math.Min(sfb, 11);
                        StereoBand(start, width, nonZeroInWindow[window], _scalefac[1][window][positionBand], lsf ? _isIllegalPosition[1][window][positionBand] : 7, midSide, lsf, gr);
                    }
                }
            }

            var nonZero = nonZeroInWindow[0] || nonZeroInWindow[1] || nonZeroInWindow[2];
            for (var sfb = longEnd - 1; sfb >= 0; sfb--)
            {
                var start = _sfBandIndexL[sfb];
                var width = _sfBandIndexL[sfb + 1] - start;
                nonZero |= AnyNonZero(right, start, width);
                var positionBand = Math.Min(sfb, 20);
                StereoBand(start, width, nonZero, _scalefac[1][3][positionBand], lsf ? _isIllegalPosition[1][3][positionBand] : 7, midSide, lsf, gr);
            }
        }

        void StereoBand(int start, int width, bool rightCoded, int isPos, int illegalPosition, bool midSide, bool lsf, int gr)
        {
            if (rightCoded || isPos >= illegalPosition)
            {
                if (midSide)
                {
                    ApplyMidSide(start, width);
                }
                else
                {
                    ApplyFullStereo(start, width);
                }
            }
            else if (lsf)
            {
                ApplyLsfIStereo(start, width, isPos, _scalefacCompress[gr][1]);
            }
            else
            {
                ApplyIStereo(start, width, isPos);
            }
        }

        static bool AnyNonZero(float[] samples, int start, int width)
        {
            for (var i = start; i < start + width; i++)
            {
                if (samples[i] != 0f)
                {
                    return true;
                }
            }

            return false;
        }

        #endregion
    }
}
