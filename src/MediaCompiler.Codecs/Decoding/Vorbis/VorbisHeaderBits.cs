namespace MediaCompiler.Codecs.Decoding.Vorbis;

/// <summary>
/// Reads a Vorbis header packet's bits, least significant bit first (Vorbis I specification, section 2). Reading past
/// the packet's end does not throw: it gives zeros and sets <see cref="PastEnd"/>, as the specification's
/// end-of-packet condition, which in a header packet means the stream is undecodable.
/// </summary>
internal sealed class VorbisHeaderBits(byte[] packet)
{
    private long _position;

    public long Remaining => Math.Max(0, (packet.LongLength * 8) - _position);

    public bool PastEnd { get; private set; }

    public ulong Read(int count)
    {
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            if (_position >= packet.LongLength * 8)
            {
                PastEnd = true;
                return value;
            }

            var bit = (packet[_position >> 3] >> (int)(_position & 7)) & 1;
            value |= (ulong)bit << i;
            _position++;
        }

        return value;
    }

    public bool ReadFlag() => Read(1) == 1;

    /// <summary>Skips <paramref name="bits"/> bits; past the end, the reader is at its end and says so.</summary>
    public void Skip(long bits)
    {
        if (bits > Remaining)
        {
            PastEnd = true;
        }

        _position = Math.Min(_position + bits, packet.LongLength * 8);
    }

    /// <summary>The specification's ilog: the position of the highest set bit, counted from 1 (ilog(0) = 0).</summary>
    public static int ILog(long value) => value <= 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);
}
