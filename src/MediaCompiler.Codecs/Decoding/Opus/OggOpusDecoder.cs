using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Opus;

/// <summary>
/// Decodes Ogg Opus with Concentus (managed) at 48 kHz over <see cref="OggPacketReader"/>: drops the header's
/// pre-skip, applies its output gain, and ends where the last page's granule position says the signal ends
/// (RFC 7845 sections 4.2-4.5). One mono or stereo stream (channel mapping family 0), or several (family 1, Vorbis
/// channel order up to 7.1, and 255), mixed to mono as an equal average of the channels.
/// </summary>
internal sealed class OggOpusDecoder : IManagedDecoder
{
    public const int SampleRate = 48000;

    public string FormatName => "Ogg Opus";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (packets, error) = OggPacketReader.ReadPackets(content);
        if (packets.Count < 2)
        {
            return DecoderFailure.Damaged(fileName, FormatName, error ?? "the stream has no audio packets after its headers");
        }

        var (head, problem) = OpusHead.Parse(packets[0].Data);
        if (head is null)
        {
            return DecoderFailure.Damaged(fileName, FormatName, $"its first packet: {problem}");
        }

        var mono = new List<float>();
        var clipping = ChannelMixer.ClippingTracker(head.Channels, head.OutputGainFactor);
        long granuleEnd = -1;
        try
        {
            var decoder = new OpusPacketDecoder(head);
            // Packet 0 is OpusHead, packet 1 OpusTags; audio follows.
            for (int i = 2; i < packets.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int frames = decoder.Decode(packets[i].Data);
                ChannelMixer.AppendMono(decoder.Block.AsSpan(0, frames * head.Channels), head.Channels, mono, clipping);
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
