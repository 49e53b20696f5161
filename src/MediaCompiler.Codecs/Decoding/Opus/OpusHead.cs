using System.Buffers.Binary;

namespace MediaCompiler.Codecs.Decoding.Opus;

/// <summary>
/// The identification header of an Opus stream (RFC 7845 section 5.1; WebM's CodecPrivate is the same bytes): channel
/// count, the pre-skip (samples at 48 kHz to drop at the start), the output gain (Q7.8 dB, for every decoded sample)
/// and the channel mapping. Family 0 is one mono or stereo stream; any other family carries a table: how many Opus
/// streams each packet holds, how many of them are coupled (stereo), and which decoded channel each output channel is
/// (255: silence). Family 1 is Vorbis channel order, up to 7.1; 255 leaves the channels' meaning undefined.
/// </summary>
internal sealed record OpusHead(int Channels, int PreSkip, double OutputGainDb, int MappingFamily, int Streams, int CoupledStreams, byte[] Mapping)
{
    public const int MinimumSize = 19;

    /// <summary>The linear factor of the output gain.</summary>
    public float OutputGainFactor => (float)Math.Pow(10, OutputGainDb / 20);

    /// <summary>One mono or stereo stream, decoded without a mapping.</summary>
    public bool IsSingleStream => MappingFamily == 0;

    /// <summary>The header, or why these bytes are not one this decoder can use (damage or an unsupported mapping).</summary>
    public static (OpusHead? Head, string? Problem) Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < MinimumSize || !packet[..8].SequenceEqual("OpusHead"u8) || (packet[8] >> 4) != 0)
        {
            return (null, "it does not start with an OpusHead header of a known version");
        }

        int channels = packet[9];
        int preSkip = BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]);
        short gain = BinaryPrimitives.ReadInt16LittleEndian(packet[16..]);
        int family = packet[18];
        if (family == 0)
        {
            return channels is 1 or 2
                ? (new OpusHead(channels, preSkip, gain / 256.0, 0, 1, channels - 1, channels == 1 ? [0] : [0, 1]), null)
                : (null, $"its OpusHead declares {channels} channels in one stream (channel mapping family 0 has one or two)");
        }

        if (family is not (1 or 255))
        {
            // Families 2 and 3 are ambisonics (RFC 8486): a sound field, whose channels cannot simply be averaged to mono.
            return (null, $"it uses Opus channel mapping family {family} (ambisonics or undefined), which has no mono mix");
        }

        if (channels == 0 || (family == 1 && channels > 8) || packet.Length < 21 + channels)
        {
            return (null, $"its OpusHead (mapping family {family}) declares {channels} channels in a {packet.Length}-byte header");
        }

        int streams = packet[19];
        int coupled = packet[20];
        var mapping = packet.Slice(21, channels).ToArray();
        if (streams == 0 || coupled > streams || streams + coupled > 255 || mapping.Any(m => m != 255 && m >= streams + coupled))
        {
            return (null, $"its OpusHead channel mapping is inconsistent ({streams} streams, {coupled} coupled, mapping {Convert.ToHexString(mapping)})");
        }

        return (new OpusHead(channels, preSkip, gain / 256.0, family, streams, coupled, mapping), null);
    }
}
