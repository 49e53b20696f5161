namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Reads an AAC bitstream most significant bit first. Reading past the end never throws: it yields zero bits and
/// sets <see cref="Overrun"/>, so that a truncated or garbled frame is detected once, at an element boundary, and
/// becomes a coded rejection instead of an exception.
/// </summary>
internal sealed class AacBitReader
{
    private readonly byte[] _data;
    private readonly int _endBit;
    private int _position;

    public AacBitReader(byte[] data, int startByte, int lengthBytes)
    {
        _data = data;
        _position = startByte * 8;
        _endBit = (startByte + lengthBytes) * 8;
    }

    /// <summary>The bit position from the start of the buffer.</summary>
    public int Position => _position;

    /// <summary>True once a read asked for more bits than the frame holds.</summary>
    public bool Overrun => _position > _endBit;

    public int BitsLeft => Math.Max(0, _endBit - _position);

    /// <summary>Reads up to 25 bits as an unsigned number.</summary>
    public int Read(int count)
    {
        var value = Peek(count);
        _position += count;
        return value;
    }

    public bool ReadFlag() => Read(1) != 0;

    /// <summary>Returns the next <paramref name="count"/> (at most 25) bits without consuming them; zeros past the end.</summary>
    public int Peek(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        // Gather the four bytes that cover the window; bytes past the frame read as zero.
        var byteIndex = _position >> 3;
        uint window = 0;
        for (var i = 0; i < 4; i++)
        {
            var index = byteIndex + i;
            window = (window << 8) | (index < (_endBit >> 3) ? _data[index] : 0u);
        }

        var shift = 32 - (_position & 7) - count;
        return (int)((window >> shift) & ((1u << count) - 1));
    }

    public void Skip(int count) => _position += count;

    /// <summary>Moves to the next byte boundary of the buffer (ADTS headers are whole bytes, so this is the frame's).</summary>
    public void ByteAlign() => _position = (_position + 7) & ~7;
}
