using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// What the first packet of an Ogg logical stream says about its codec: the Vorbis identification header, OpusHead,
/// the FLAC-in-Ogg mapping header (with STREAMINFO), the Speex header, or a recognised non-audio stream.
/// </summary>
internal sealed record OggCodecHeader(
    string Codec,
    string Description,
    bool IsAudio,
    int? SampleRate = null,
    int? Channels = null,
    int? BitsPerSample = null,
    long PreSkip = 0,
    int GranuleRate = 0)
{
    /// <summary>Identifies the codec from a stream's first packet; null when the packet is a known codec's but broken.</summary>
    public static OggCodecHeader? Identify(ReadOnlySpan<byte> packet, out string? problem)
    {
        problem = null;
        if (packet.StartsWith("\u0001vorbis"u8))
        {
            // version(4) channels(1) rate(4) bitrate max/nominal/min(12) blocksizes(1) framing(1): 30 bytes in all.
            if (packet.Length < 30 || BinaryPrimitives.ReadUInt32LittleEndian(packet[7..]) != 0)
            {
                problem = "the Vorbis identification header is cut short or has an unknown version";
                return null;
            }

            var rate = BinaryPrimitives.ReadInt32LittleEndian(packet[12..]);
            return Audio("vorbis", "Vorbis", rate, packet[11], null, 0, rate);
        }

        if (packet.StartsWith("OpusHead"u8))
        {
            // version(1) channels(1) pre-skip(2) input sample rate(4) gain(2) mapping family(1): 19 bytes.
            if (packet.Length < 19 || packet[8] >> 4 != 0)
            {
                problem = "the OpusHead header is cut short or has an unknown major version";
                return null;
            }

            // Opus always decodes at 48 kHz (granules count 48 kHz samples); the header keeps the input's rate, which
            // is what the rules judge (see AudioProbeResult.SampleRate). An input rate of 0 means "unspecified".
            var inputRate = BinaryPrimitives.ReadInt32LittleEndian(packet[12..]);
            return Audio("opus", "Opus", inputRate, packet[9], null, BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]), 48000);
        }

        if (packet.StartsWith("\u007FFLAC"u8))
        {
            // mapping version(2) header count(2) "fLaC" metadata block header(4) STREAMINFO(34).
            if (packet.Length < 13 + 4 + FlacStreamInfo.Size || !packet.Slice(9, 4).SequenceEqual("fLaC"u8) ||
                FlacStreamInfo.Parse(packet[17..]) is not { } info)
            {
                problem = "the FLAC mapping header is cut short or lacks its STREAMINFO";
                return null;
            }

            return Audio("flac", "FLAC", info.SampleRate, info.Channels, info.BitsPerSample, 0, info.SampleRate);
        }

        if (packet.StartsWith("Speex   "u8))
        {
            if (packet.Length < 52)
            {
                problem = "the Speex header is cut short";
                return null;
            }

            var rate = BinaryPrimitives.ReadInt32LittleEndian(packet[36..]);
            return Audio("speex", "Speex", rate, BinaryPrimitives.ReadInt32LittleEndian(packet[48..]), null, 0, rate);
        }

        return Other(packet);
    }

    private static OggCodecHeader Audio(string codec, string description, int rate, int channels, int? bits, long preSkip, int granuleRate) =>
        new(codec, description, IsAudio: true, rate > 0 ? rate : null, channels > 0 ? channels : null, bits, preSkip, Math.Max(granuleRate, 0));

    private static OggCodecHeader Other(ReadOnlySpan<byte> packet)
    {
        (string Codec, string Description, bool IsAudio)? known =
            StartsWith(packet, 0x80, "theora"u8) ? ("theora", "Theora video", false)
            : packet.StartsWith("fishead\0"u8) ? ("skeleton", "an Ogg Skeleton index", false)
            : StartsWith(packet, 0x80, "kate"u8) ? ("kate", "Kate subtitles", false)
            : packet.StartsWith("BBCD"u8) ? ("dirac", "Dirac video", false)
            : packet.StartsWith("CELT    "u8) ? ("celt", "CELT", true)
            : packet.StartsWith("PCM     "u8) ? ("pcm", "OggPCM", true)
            : packet.StartsWith("\u0001video\0\0\0"u8) ? ("ogm_video", "OGM video", false)
            : null;
        return known is { } k ? new OggCodecHeader(k.Codec, k.Description, k.IsAudio) : new OggCodecHeader("unknown", "an unknown codec", IsAudio: false);
    }

    /// <summary>Packet types 0x80 and above are not expressible as UTF-8 literals, hence the separate first byte.</summary>
    private static bool StartsWith(ReadOnlySpan<byte> packet, byte type, ReadOnlySpan<byte> name) =>
        packet.Length > name.Length && packet[0] == type && packet[1..].StartsWith(name);
}
