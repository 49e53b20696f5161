using System.Buffers.Binary;
using System.Numerics;

namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// Reads one ALAC packet most significant bit first. Every read is checked against the packet's end, so a damaged
/// packet can never make a loop run past its bytes: a read past the end is an <see cref="AlacDamageException"/>.
/// Peeking past the end sees zeros.
/// </summary>
internal sealed class AlacBitReader
{
    private readonly byte[] _data;
    private readonly long _endBit;
    private readonly int _endByte;
    private long _position;

    public AlacBitReader(byte[] data, int startByte, int length)
    {
        _data = data;
        _position = (long)startByte * 8;
        _endByte = startByte + length;
        _endBit = (long)_endByte * 8;
    }

    public long BitsLeft => _endBit - _position;

    /// <summary>Reads <paramref name="count"/> (0-32) bits as an unsigned number.</summary>
    public uint Read(int count)
    {
        var value = Peek(count);
        Skip(count);
        return value;
    }

    /// <summary>Reads <paramref name="count"/> (1-32) bits as a two's complement number.</summary>
    public int ReadSigned(int count)
    {
        var shift = 32 - count;
        return (int)(Read(count) << shift) >> shift;
    }

    /// <summary>The next <paramref name="count"/> (0-32) bits, not consumed.</summary>
    public uint Peek(int count) => count == 0 ? 0 : (uint)(Window() >> (64 - count));

    /// <summary>
    /// Counts one bits, at most <paramref name="max"/> (at most 32); the zero that ends a shorter run is consumed with it.
    /// </summary>
    public int ReadOnes(int max)
    {
        var ones = Math.Min(BitOperations.LeadingZeroCount(~Window()), max);
        Skip(ones < max ? ones + 1 : ones);
        return ones;
    }

    public void Skip(long count)
    {
        _position += count;
        if (_position > _endBit)
        {
            throw new AlacDamageException("a packet ends before its data does");
        }
    }

    public void AlignToByte() => Skip((8 - (_position & 7)) & 7);

    /// <summary>64 bits from the current position, left-aligned; at least 57 of them are the packet's (or zeros past its end).</summary>
    private ulong Window()
    {
        var byteIndex = (int)(_position >> 3);
        ulong window;
        if (byteIndex + 8 <= _endByte)
        {
            window = BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(byteIndex, 8));
        }
        else
        {
            window = 0;
            for (var i = 0; i < 8; i++)
            {
                window = (window << 8) | (byteIndex + i < _endByte ? _data[byteIndex + i] : 0u);
            }
        }

        return window << (int)(_position & 7);
    }
}
