using System.Buffers.Binary;

namespace MediaCompiler.Codecs.Decoding.Opus;

/// <summary>
/// The identification header of an Ogg Opus stream (RFC 7845 section 5.1): channel count, the pre-skip (samples at
/// 48 kHz to drop at the start) and the output gain (Q7.8 dB, to apply to every decoded sample).
/// </summary>
internal sealed record OpusHead(int Channels, int PreSkip, double OutputGainDb, int MappingFamily)
{
    public const int MinimumSize = 19;

    /// <summary>The linear factor of the output gain.</summary>
    public float OutputGainFactor => (float)Math.Pow(10, OutputGainDb / 20);

    public static OpusHead? TryParse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < MinimumSize || !packet[..8].SequenceEqual("OpusHead"u8) || (packet[8] >> 4) != 0)
        {
            return null;
        }

        int channels = packet[9];
        int preSkip = BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]);
        short gain = BinaryPrimitives.ReadInt16LittleEndian(packet[16..]);
        return new OpusHead(channels, preSkip, gain / 256.0, packet[18]);
    }
}
