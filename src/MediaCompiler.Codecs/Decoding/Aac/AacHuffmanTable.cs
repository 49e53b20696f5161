namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// A Huffman decoding table built from (codeword, length) pairs: a primary table indexed by the next
/// <see cref="PrimaryBits"/> bits, and for longer codewords a secondary table per primary prefix. Two lookups at most,
/// and no search, so decoding cost does not depend on the data.
/// </summary>
internal sealed class AacHuffmanTable
{
    private const int PrimaryBits = 9;

    // Entry layout: bit 31 set = pointer to a secondary table (low bits: start index, bits 16-20: its index width);
    // otherwise symbol in bits 8-23 and code length in bits 0-7. Zero = no codeword (an invalid code).
    private readonly int[] _primary;
    private readonly int[] _secondary;
    private readonly int _primaryBits;

    public AacHuffmanTable(uint[] codes, byte[] lengths)
    {
        int maxLength = lengths.Max();
        _primaryBits = Math.Min(PrimaryBits, maxLength);
        _primary = new int[1 << _primaryBits];

        // Width of each secondary table: enough bits for the longest codeword that shares the prefix.
        var secondaryWidth = new int[_primary.Length];
        for (var symbol = 0; symbol < codes.Length; symbol++)
        {
            var extra = lengths[symbol] - _primaryBits;
            if (extra > 0)
            {
                var prefix = (int)(codes[symbol] >> extra);
                secondaryWidth[prefix] = Math.Max(secondaryWidth[prefix], extra);
            }
        }

        var secondaryStart = new int[_primary.Length];
        var secondarySize = 0;
        for (var prefix = 0; prefix < _primary.Length; prefix++)
        {
            if (secondaryWidth[prefix] > 0)
            {
                secondaryStart[prefix] = secondarySize;
                _primary[prefix] = int.MinValue | (secondaryWidth[prefix] << 16) | secondarySize;
                secondarySize += 1 << secondaryWidth[prefix];
            }
        }

        _secondary = new int[secondarySize];
        for (var symbol = 0; symbol < codes.Length; symbol++)
        {
            int length = lengths[symbol];
            var entry = (symbol << 8) | length;
            if (length <= _primaryBits)
            {
                var first = (int)(codes[symbol] << (_primaryBits - length));
                _primary.AsSpan(first, 1 << (_primaryBits - length)).Fill(entry);
                continue;
            }

            var extra = length - _primaryBits;
            var prefix = (int)(codes[symbol] >> extra);
            var width = secondaryWidth[prefix];
            var low = (int)(codes[symbol] & ((1u << extra) - 1));
            var first2 = secondaryStart[prefix] + (low << (width - extra));
            _secondary.AsSpan(first2, 1 << (width - extra)).Fill(entry);
        }
    }

    /// <summary>Decodes one symbol, or returns -1 when the bits are no codeword of this book.</summary>
    public int Decode(AacBitReader reader)
    {
        var entry = _primary[reader.Peek(_primaryBits)];
        if (entry < 0)
        {
            var width = (entry >> 16) & 0x1F;
            var start = entry & 0xFFFF;
            reader.Skip(_primaryBits);
            entry = _secondary[start + reader.Peek(width)];
            if (entry == 0)
            {
                return -1;
            }

            reader.Skip((entry & 0xFF) - _primaryBits);
            return entry >> 8;
        }

        if (entry == 0)
        {
            return -1;
        }

        reader.Skip(entry & 0xFF);
        return entry >> 8;
    }
}
