using System.Buffers.Binary;
using System.Numerics;

namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// Reads a FLAC frame most significant bit first. Every read checks the frame's end, so damaged input can never make a
/// loop run past the bytes that exist (a unary run of zeros stops there): a read past the end is a
/// <see cref="FlacDamageException"/>.
/// </summary>
internal sealed class FlacBitReader
{
    private readonly byte[] _data;
    private readonly long _endBit;
    private long _position;

    public FlacBitReader(byte[] data, int startByte, int endByte)
    {
        _data = data;
        _position = (long)startByte * 8;
        _endBit = (long)endByte * 8;
    }

    /// <summary>The byte the reader is in (or at, when aligned).</summary>
    public int BytePosition => (int)(_position >> 3);

    /// <summary>Reads <paramref name="count"/> (0-32) bits as an unsigned number.</summary>
    public uint ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        ulong window = Window();
        Advance(count);
        return (uint)(window >> (64 - count));
    }

    /// <summary>Reads <paramref name="count"/> (0-32) bits as a two's complement number.</summary>
    public int ReadSigned(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        int shift = 32 - count;
        return (int)(ReadBits(count) << shift) >> shift;
    }

    /// <summary>Counts zero bits up to the next one bit, consuming both.</summary>
    public uint ReadUnary()
    {
        uint zeros = 0;
        while (true)
        {
            int valid = 64 - (int)(_position & 7);
            int leading = BitOperations.LeadingZeroCount(Window());
            if (leading < valid)
            {
                Advance(leading + 1);
                return zeros + (uint)leading;
            }

            Advance(valid);
            zeros += (uint)valid;
        }
    }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length Rice codes of parameter <paramref name="parameter"/> (0-30) and
    /// unfolds them to signed residuals. The hot loop of decoding: a quotient and remainder that fit in one 64-bit
    /// window are taken from it at once.
    /// </summary>
    public void ReadRice(Span<int> destination, int parameter)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            int inByte = (int)(_position & 7);
            ulong window = Window();
            int quotient = BitOperations.LeadingZeroCount(window);
            ulong folded;
            if (quotient + 1 + parameter <= 64 - inByte)
            {
                ulong remainder = parameter == 0 ? 0 : (window << (quotient + 1)) >> (64 - parameter);
                folded = ((ulong)quotient << parameter) | remainder;
                Advance(quotient + 1 + parameter);
            }
            else
            {
                ulong longQuotient = ReadUnary();
                folded = (longQuotient << parameter) | ReadBits(parameter);
            }

            if (folded > uint.MaxValue)
            {
                throw new FlacDamageException("a residual does not fit in 32 bits");
            }

            destination[i] = (int)((uint)folded >> 1) ^ -(int)((uint)folded & 1);
        }
    }

    /// <summary>Skips to the next byte boundary (frames end on one).</summary>
    public void AlignToByte() => Advance((int)((8 - (_position & 7)) & 7));

    private void Advance(int bits)
    {
        _position += bits;
        if (_position > _endBit)
        {
            // The reader's end is the file's (FlacStreamDecoder), so running past it is where the file stops.
            throw FlacDamageException.CutShort("the file ends inside the frame's audio data");
        }
    }

    /// <summary>64 bits from the current position, left-aligned; at least 57 of them are from the stream (or zeros past the array's end).</summary>
    private ulong Window()
    {
        int byteIndex = (int)(_position >> 3);
        ulong word;
        if (byteIndex + 8 <= _data.Length)
        {
            word = BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(byteIndex, 8));
        }
        else
        {
            word = 0;
            for (int i = 0; i < 8; i++)
            {
                word = (word << 8) | (byteIndex + i < _data.Length ? _data[byteIndex + i] : 0u);
            }
        }

        return word << (int)(_position & 7);
    }
}
