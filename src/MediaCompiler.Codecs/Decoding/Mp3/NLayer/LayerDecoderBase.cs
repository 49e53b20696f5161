/*
 * NLayer - A C# MPEG1/2/2.5 audio decoder
 *
 * Portions of this file are courtesy Fluendo, S.A.  They are dual licensed as Ms-PL
 * and under the following license:
 *
 *   Copyright <2005-2012> Fluendo S.A.
 *
 *   Unless otherwise indicated, Source Code is licensed under MIT license.
 *   See further explanation attached in License Statement (distributed in the file
 *   LICENSE).
 *
 *   Permission is hereby granted, free of charge, to any person obtaining a copy of
 *   this software and associated documentation files (the "Software"), to deal in
 *   the Software without restriction, including without limitation the rights to
 *   use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
 *   of the Software, and to permit persons to whom the Software is furnished to do
 *   so, subject to the following conditions:
 *
 *   The above copyright notice and this permission notice shall be included in all
 *   copies or substantial portions of the Software.
 *
 *   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 *   IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 *   FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 *   AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 *   LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 *   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 *   SOFTWARE.
 *
 */
// Vendored (this file and its partial parts) from NLayer 2.0.0 (https://github.com/naudio/NLayer, MIT licence, (c) Mark Heath, Andrew Ward &
// Contributors; portions (c) Fluendo S.A., MIT), split into partial files; our changes are marked "MediaCompiler:".
// The full licence text is LICENSE.txt in this folder.

using System;
using System.Collections.Generic;

namespace MediaCompiler.Codecs.Decoding.Mp3.NLayer
{
    abstract partial class LayerDecoderBase
    {
        protected const int SBLIMIT = 32;

        const float INV_SQRT_2 = 7.071067811865474617150084668537e-01f;


        List<float[]> _synBuf = new List<float[]>(2);
        List<int> _bufOffset = new List<int>(2);

        float[] _eq;

        internal LayerDecoderBase()
        {
            StereoMode = StereoMode.Both;
        }

        abstract internal int DecodeFrame(IMpegFrame frame, float[] ch0, float[] ch1);

        internal void SetEQ(float[] eq)
        {
            if (eq == null || eq.Length == 32)
            {
                _eq = eq;
            }
        }

        internal StereoMode StereoMode { get; set; }

        virtual internal void ResetForSeek()
        {
            _synBuf.Clear();
            _bufOffset.Clear();
        }

        float[] ippuv = new float[512];

        protected void InversePolyPhase(int channel, float[] data)
        {
            float[] synBuf;
            int k;
            GetBufAndOffset(channel, out synBuf, out k);

            if (_eq != null)
            {
                for (int i = 0; i < 32; i++)
                {
                    data[i] *= _eq[i];
                }
            }

            DCT32(data, synBuf, k);

            BuildUVec(ippuv, synBuf, k);

            DewindowOutput(ippuv, data);
        }

        void GetBufAndOffset(int channel, out float[] synBuf, out int k)
        {
            while (_synBuf.Count <= channel)
            {
                _synBuf.Add(new float[1024]);
            }

            while (_bufOffset.Count <= channel)
            {
                _bufOffset.Add(0);
            }

            synBuf = _synBuf[channel];
            k = _bufOffset[channel];

            k = (k - 32) & 511;
            _bufOffset[channel] = k;
        }

        float[] ei32 = new float[16], eo32 = new float[16], oi32 = new float[16], oo32 = new float[16];

        void DCT32(float[] _in, float[] _out, int k)
        {
            int i;

            for (i = 0; i < 16; i++)
            {
                ei32[i] = _in[i] + _in[31 - i];
                oi32[i] = (_in[i] - _in[31 - i]) * SYNTH_COS64_TABLE[2 * i];
            }

            DCT16(ei32, eo32);
            DCT16(oi32, oo32);

            for (i = 0; i < 15; i++)
            {
                _out[2 * i + k] = eo32[i];
                _out[2 * i + 1 + k] = oo32[i] + oo32[i + 1];
            }
            _out[30 + k] = eo32[15];
            _out[31 + k] = oo32[15];
        }

        float[] ei16 = new float[8], eo16 = new float[8], oi16 = new float[8], oo16 = new float[8];

        void DCT16(float[] _in, float[] _out)
        {
            float a, b;

            a = _in[0]; b = _in[15];
            ei16[0] = a + b;
            oi16[0] = (a - b) * SYNTH_COS64_TABLE[1];
            a = _in[1]; b = _in[14];
            ei16[1] = a + b;
            oi16[1] = (a - b) * SYNTH_COS64_TABLE[5];
            a = _in[2]; b = _in[13];
            ei16[2] = a + b;
            oi16[2] = (a - b) * SYNTH_COS64_TABLE[9];
            a = _in[3]; b = _in[12];
            ei16[3] = a + b;
            oi16[3] = (a - b) * SYNTH_COS64_TABLE[13];
            a = _in[4]; b = _in[11];
            ei16[4] = a + b;
            oi16[4] = (a - b) * SYNTH_COS64_TABLE[17];
            a = _in[5]; b = _in[10];
            ei16[5] = a + b;
            oi16[5] = (a - b) * SYNTH_COS64_TABLE[21];
            a = _in[6]; b = _in[9];
            ei16[6] = a + b;
            oi16[6] = (a - b) * SYNTH_COS64_TABLE[25];
            a = _in[7]; b = _in[8];
            ei16[7] = a + b;
            oi16[7] = (a - b) * SYNTH_COS64_TABLE[29];

            DCT8(ei16, eo16);
            DCT8(oi16, oo16);

            _out[0] = eo16[0];
            _out[1] = oo16[0] + oo16[1];
            _out[2] = eo16[1];
            _out[3] = oo16[1] + oo16[2];
            _out[4] = eo16[2];
            _out[5] = oo16[2] + oo16[3];
            _out[6] = eo16[3];
            _out[7] = oo16[3] + oo16[4];
            _out[8] = eo16[4];
            _out[9] = oo16[4] + oo16[5];
            _out[10] = eo16[5];
            _out[11] = oo16[5] + oo16[6];
            _out[12] = eo16[6];
            _out[13] = oo16[6] + oo16[7];
            _out[14] = eo16[7];
            _out[15] = oo16[7];
        }

        float[] ei8 = new float[4], tmp8 = new float[6], oi8 = new float[4], oo8 = new float[4];

        void DCT8(float[] _in, float[] _out)
        {
            /* Even indices */
            ei8[0] = _in[0] + _in[7];
            ei8[1] = _in[3] + _in[4];
            ei8[2] = _in[1] + _in[6];
            ei8[3] = _in[2] + _in[5];

            tmp8[0] = ei8[0] + ei8[1];
            tmp8[1] = ei8[2] + ei8[3];
            tmp8[2] = (ei8[0] - ei8[1]) * SYNTH_COS64_TABLE[7];
            tmp8[3] = (ei8[2] - ei8[3]) * SYNTH_COS64_TABLE[23];
            tmp8[4] = (float)((tmp8[2] - tmp8[3]) * INV_SQRT_2);

            _out[0] = tmp8[0] + tmp8[1];
            _out[2] = tmp8[2] + tmp8[3] + tmp8[4];
            _out[4] = (float)((tmp8[0] - tmp8[1]) * INV_SQRT_2);
            _out[6] = tmp8[4];

            /* Odd indices */
            oi8[0] = (_in[0] - _in[7]) * SYNTH_COS64_TABLE[3];
            oi8[1] = (_in[1] - _in[6]) * SYNTH_COS64_TABLE[11];
            oi8[2] = (_in[2] - _in[5]) * SYNTH_COS64_TABLE[19];
            oi8[3] = (_in[3] - _in[4]) * SYNTH_COS64_TABLE[27];

            tmp8[0] = oi8[0] + oi8[3];
            tmp8[1] = oi8[1] + oi8[2];
            tmp8[2] = (oi8[0] - oi8[3]) * SYNTH_COS64_TABLE[7];
            tmp8[3] = (oi8[1] - oi8[2]) * SYNTH_COS64_TABLE[23];
            tmp8[4] = tmp8[2] + tmp8[3];
            tmp8[5] = (float)((tmp8[2] - tmp8[3]) * INV_SQRT_2);

            oo8[0] = tmp8[0] + tmp8[1];
            oo8[1] = tmp8[4] + tmp8[5];
            oo8[2] = (float)((tmp8[0] - tmp8[1]) * INV_SQRT_2);
            oo8[3] = tmp8[5];

            _out[1] = oo8[0] + oo8[1];
            _out[3] = oo8[1] + oo8[2];
            _out[5] = oo8[2] + oo8[3];
            _out[7] = oo8[3];
        }

        void BuildUVec(float[] u_vec, float[] cur_synbuf, int k)
        {
            int i, j, uvp = 0;

            for (j = 0; j < 8; j++)
            {
                for (i = 0; i < 16; i++)
                {
                    /* Copy first 32 elements */
                    u_vec[uvp + i] = cur_synbuf[k + i + 16];
                    u_vec[uvp + i + 17] = -cur_synbuf[k + 31 - i];
                }

                /* k wraps at the synthesis buffer boundary  */
                k = (k + 32) & 511;

                for (i = 0; i < 16; i++)
                {
                    /* Copy next 32 elements */
                    u_vec[uvp + i + 32] = -cur_synbuf[k + 16 - i];
                    u_vec[uvp + i + 48] = -cur_synbuf[k + i];
                }
                u_vec[uvp + 16] = 0;

                /* k wraps at the synthesis buffer boundary  */
                k = (k + 32) & 511;
                uvp += 64;
            }
        }

        void DewindowOutput(float[] u_vec, float[] samples)
        {
            for (int i = 0; i < 512; i++)
            {
                u_vec[i] *= DEWINDOW_TABLE[i];
            }

            for (int i = 0; i < 32; i++)
            {
                float sum = u_vec[i];
                sum += u_vec[i + (1 << 5)];
                sum += u_vec[i + (2 << 5)];
                sum += u_vec[i + (3 << 5)];
                sum += u_vec[i + (4 << 5)];
                sum += u_vec[i + (5 << 5)];
                sum += u_vec[i + (6 << 5)];
                sum += u_vec[i + (7 << 5)];
                sum += u_vec[i + (8 << 5)];
                sum += u_vec[i + (9 << 5)];
                sum += u_vec[i + (10 << 5)];
                sum += u_vec[i + (11 << 5)];
                sum += u_vec[i + (12 << 5)];
                sum += u_vec[i + (13 << 5)];
                sum += u_vec[i + (14 << 5)];
                sum += u_vec[i + (15 << 5)];
                u_vec[i] = sum;
            }

            for (int i = 0; i < 32; i++)
            {
                samples[i] = u_vec[i];
            }
        }
    }
}
