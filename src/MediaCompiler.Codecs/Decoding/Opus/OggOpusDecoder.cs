using Concentus;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Opus;

/// <summary>
/// Decodes Ogg Opus with Concentus (managed) at 48 kHz over <see cref="OggPacketReader"/>: drops the header's
/// pre-skip, applies its output gain, and ends where the last page's granule position says the signal ends
/// (RFC 7845 sections 4.2-4.5). Mono and stereo (channel mapping family 0) streams; multistream files are refused.
/// </summary>
internal sealed class OggOpusDecoder : IManagedDecoder
{
    public const int SampleRate = 48000;

    /// <summary>The longest Opus packet: 120 ms at 48 kHz.</summary>
    private const int MaxFrameSamples = 5760;

    public string FormatName => "Ogg Opus";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (packets, error) = OggPacketReader.ReadPackets(content);
        if (packets.Count < 2)
        {
            return DecoderFailure.Damaged(fileName, FormatName, error ?? "the stream has no audio packets after its headers");
        }

        if (OpusHead.TryParse(packets[0].Data) is not { } head || head.Channels is < 1 or > 2)
        {
            return DecoderFailure.Damaged(fileName, FormatName, "its first packet is not an OpusHead header of a mono or stereo stream");
        }

        if (head.MappingFamily != 0)
        {
            return DecoderFailure.Damaged(fileName, FormatName, $"it uses channel mapping family {head.MappingFamily} (multistream), which prompts do not need");
        }

        var mono = new List<float>();
        var clipping = ChannelMixer.ClippingTracker(head.Channels, head.OutputGainFactor);
        long granuleEnd = -1;
        try
        {
            OpusCodecFactory.AttemptToUseNativeLibrary = false;
            var decoder = OpusCodecFactory.CreateDecoder(SampleRate, head.Channels);
            var block = new float[MaxFrameSamples * head.Channels];
            // Packet 0 is OpusHead, packet 1 OpusTags; audio follows.
            for (int i = 2; i < packets.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int frames = decoder.Decode(packets[i].Data, block, MaxFrameSamples, false);
                ChannelMixer.AppendMono(block.AsSpan(0, frames * head.Channels), head.Channels, mono, clipping);
                if (packets[i].EndsPage && packets[i].PageGranule >= 0)
                {
                    granuleEnd = packets[i].PageGranule;
                }
            }
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Thrown(fileName, FormatName, e);
        }

        return DecodeResult.Success(new DecodedAudio(Trim(mono, head, granuleEnd), SampleRate) { Clipping = clipping?.Finish() });
    }

    /// <summary>Drops the pre-skip, cuts at the final granule position (the end trimming of RFC 7845 4.5), applies the gain.</summary>
    private static float[] Trim(List<float> decoded, OpusHead head, long granuleEnd)
    {
        int skip = Math.Min(head.PreSkip, decoded.Count);
        int available = decoded.Count - skip;
        int keep = granuleEnd >= head.PreSkip ? (int)Math.Min(available, granuleEnd - head.PreSkip) : available;
        var samples = new float[keep];
        float gain = head.OutputGainFactor;
        for (int i = 0; i < keep; i++)
        {
            samples[i] = decoded[skip + i] * gain;
        }

        return samples;
    }
}
