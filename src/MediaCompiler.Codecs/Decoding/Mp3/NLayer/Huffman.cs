// Vendored from NLayer 2.0.0 (https://github.com/naudio/NLayer, MIT licence, (c) Mark Heath, Andrew Ward &
// Contributors; portions (c) Fluendo S.A., MIT), split into partial files; our changes are marked "MediaCompiler:".
// The full licence text is LICENSE.txt in this folder.

using System;
using System.Collections.Generic;
using System.Linq;

namespace MediaCompiler.Codecs.Decoding.Mp3.NLayer
{
    partial class Huffman
    {
        #region Hardcoded Tables (from the spec)

        // MediaCompiler: the spec tables, split over three files (Huffman.Tables*.cs) to keep files small; built by
        // methods so that their order does not depend on static initialisation order across partial files.
        static readonly byte[][,] _codeTables = SmallCodeTables().Concat(MidCodeTables()).Concat(LargeCodeTables()).ToArray();

        #endregion

        static readonly float[] _floatLookup;

        static Huffman()
        {
            _floatLookup = new float[8207];
            for (int i = 0; i < 8207; i++)
            {
                _floatLookup[i] = (float)Math.Pow(i, 4.0 / 3);
            }
        }

        static HuffmanListNode[] _llCache = new HuffmanListNode[_codeTables.Length];
        static int[] _llCacheMaxBits = new int[_codeTables.Length];

        static readonly int[] LIN_BITS = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 6, 8, 10, 13, 4, 5, 6, 7, 8, 9, 11, 13 };

        internal static void Decode(BitReservoir br, int table, out float x, out float y)
        {
            if (table == 0 || table == 4 || table == 14)
            {
                x = y = 0;
            }
            else
            {
                var val = DecodeSymbol(br, table);

                var ix = val >> 4;
                var iy = val & 15;

                int linBits = LIN_BITS[table];
                if (linBits > 0 && ix == 15) ix += br.GetBits(linBits);
                if (ix != 0 && br.Get1Bit() != 0)
                {
                    x = -_floatLookup[ix];
                }
                else
                {
                    x = _floatLookup[ix];
                }

                if (linBits > 0 && iy == 15) iy += br.GetBits(linBits);
                if (iy != 0 && br.Get1Bit() != 0)
                {
                    y = -_floatLookup[iy];
                }
                else
                {
                    y = _floatLookup[iy];
                }
            }
        }

        internal static void Decode(BitReservoir br, int table, out float x, out float y, out float v, out float w)
        {
            var val = DecodeSymbol(br, table);

            v = w = x = y = 0;

            if ((val & 0x8) != 0)
            {
                if (br.Get1Bit() == 1)
                {
                    v = -_floatLookup[1];
                }
                else
                {
                    v = _floatLookup[1];
                }
            }

            if ((val & 0x4) != 0)
            {
                if (br.Get1Bit() == 1)
                {
                    w = -_floatLookup[1];
                }
                else
                {
                    w = _floatLookup[1];
                }
            }

            if ((val & 0x2) != 0)
            {
                if (br.Get1Bit() == 1)
                {
                    x = -_floatLookup[1];
                }
                else
                {
                    x = _floatLookup[1];
                }
            }

            if ((val & 0x1) != 0)
            {
                if (br.Get1Bit() == 1)
                {
                    y = -_floatLookup[1];
                }
                else
                {
                    y = _floatLookup[1];
                }
            }
        }

        // In C#, bit operations are faster than the tree traversal the spec is written for.
        static byte DecodeSymbol(BitReservoir br, int table)
        {
            // get the huffman node for decoding
            int maxBits;
            var node = GetNode(table, out maxBits);

            // get some bits to work with
            int readBits;
            int bits = br.TryPeekBits(maxBits, out readBits);
            if (readBits < maxBits)
            {
                bits <<= maxBits - readBits;
            }

            // try to find the correct node
            while (node != null && node.Length <= readBits)
            {
                if ((bits & node.Mask) == node.Bits)
                {
                    // found it!  Advance the read counter
                    br.SkipBits(node.Length);
                    break;
                }
                node = node.Next;
            }

            // apply the value
            if (node != null && node.Length <= readBits)
            {
                return node.Value;
            }
            else
            {
                // should we advance the reader????  need to check the spec
                return 0;
            }
        }

        static HuffmanListNode GetNode(int table, out int maxBits)
        {
            var realIdx = table;
            if (realIdx > 16)
            {
                // these are "special"
                if (realIdx > 31)
                {
                    // last two entries in the table
                    realIdx -= 17;
                }
                else if (realIdx >= 24)
                {
                    // third last entry in the table
                    realIdx = 14;
                }
                else
                {
                    // fourth last entry in the table
                    realIdx = 13;
                }
            }
            else
            {
                if (realIdx > 13) --realIdx;
                if (realIdx > 3) --realIdx;
                --realIdx;
            }

            if (_llCache[realIdx] == null)
            {
                _llCache[realIdx] = InitTable(_codeTables[realIdx], out maxBits);
                _llCacheMaxBits[realIdx] = maxBits;
            }
            else
            {
                maxBits = _llCacheMaxBits[realIdx];
            }

            return _llCache[realIdx];
        }

        static HuffmanListNode InitTable(byte[,] tree, out int maxBits)
        {
            var values = new List<byte>();
            var lengths = new List<int>();
            var codes = new List<int>();

            var treeLen = tree.GetLength(0);

            for (int i = 0; i < treeLen; i++)
            {
                if (tree[i, 0] == 0)
                {
                    var bits = 0;
                    var len = 0;
                    var idx = i;
                    int bit;
                    do
                    {
                        idx = FindPreviousNode(tree, idx, out bit);
                        bits |= bit << len++;
                    } while (idx > 0);

                    values.Add(tree[i, 1]);
                    lengths.Add(len);
                    codes.Add(bits);
                }
            }

            return BuildLinkedList(values, lengths, codes, out maxBits);
        }

        static int FindPreviousNode(byte[,] tree, int idx, out int bit)
        {
            // look for a preceding value that matches
            for (int i = idx - 1; i >= 0; i--)
            {
                // if the "0" node is 0, it's a leaf... ignore it
                if (tree[i, 0] != 0)
                {
                    // check both nodes
                    for (int j = 0; j < 2; j++)
                    {
                        // if we've found the correct one...
                        if (i + tree[i, j] == idx)
                        {
                            // ... check whether it was a continuation
                            if (tree[i, j] >= 250)
                            {
                                // if so, find it's parent and return that...
                                var temp = FindPreviousNode(tree, i, out bit);
                                if (bit != j) throw new InvalidOperationException();
                                return temp;
                            }
                            // otherwise, return the bit and the index
                            bit = j;
                            return i;
                        }
                    }
                }
            }

            throw new InvalidOperationException();
        }

        static HuffmanListNode BuildLinkedList(List<byte> values, List<int> lengthList, List<int> codeList, out int maxBits)
        {
            var list = new HuffmanListNode[lengthList.Count];

            maxBits = lengthList.Max();

            for (int i = 0; i < list.Length; i++)
            {
                var shift = maxBits - lengthList[i];
                list[i] = new HuffmanListNode
                {
                    Value = values[i],
                    Length = lengthList[i],
                    Bits = codeList[i] << shift,
                    Mask = ((1 << lengthList[i]) - 1) << shift,
                };
            }

            // we don't care about equal-length entries (in fact, they should already be in the "correct" order)
            Array.Sort(list, (i1, i2) => i1.Length - i2.Length);

            for (int i = 1; i < list.Length && list[i].Length < 99999; i++)
            {
                list[i - 1].Next = list[i];
            }

            return list[0];
        }

        class HuffmanListNode
        {
            internal byte Value;

            internal int Length;
            internal int Bits;
            internal int Mask;

            internal HuffmanListNode Next;
        }
    }
}
