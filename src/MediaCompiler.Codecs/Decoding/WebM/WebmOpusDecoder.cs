using Concentus;
using MediaCompiler.Codecs.Decoding.Opus;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.WebM;

/// <summary>
/// Decodes Opus in WebM or Matroska (a browser's MediaRecorder recording) with Concentus at 48 kHz over
/// <see cref="MatroskaBlocks"/>: the track's CodecPrivate is its OpusHead, whose pre-skip is dropped and whose gain is
/// applied, and a block's DiscardPadding is cut from its end (the WebM counterparts of Ogg Opus's pre-skip and final
/// granule position). Mono and stereo streams, as for Ogg Opus.
/// </summary>
internal sealed class WebmOpusDecoder : IManagedDecoder
{
    /// <summary>The longest Opus packet: 120 ms at 48 kHz.</summary>
    private const int MaxFrameSamples = 5760;

    public string FormatName => "WebM Opus";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (track, frames, problem) = MatroskaBlocks.Read(content);
        if (track is null || track.CodecId != "A_OPUS")
        {
            return DecoderFailure.Damaged(fileName, FormatName, problem ?? "it has no Opus audio track");
        }

        if (OpusHead.TryParse(track.CodecPrivate) is not { } head || head.Channels is < 1 or > 2 || head.MappingFamily != 0)
        {
            return DecoderFailure.Damaged(fileName, FormatName, "its Opus track's private data is not an OpusHead header of a mono or stereo stream");
        }

        if (frames.Count == 0 || problem is not null)
        {
            // A recording cut short (the file ends inside a block) or a damaged block: refused, as a cut WAV, MP4 or
            // FLAC is, rather than converted into a shorter prompt without a word.
            return DecoderFailure.Damaged(fileName, FormatName, problem ?? "its Opus track has no audio blocks");
        }

        var mono = new List<float>();
        var clipping = ChannelMixer.ClippingTracker(head.Channels, head.OutputGainFactor);
        try
        {
            OpusCodecFactory.AttemptToUseNativeLibrary = false;
            var decoder = OpusCodecFactory.CreateDecoder(OggOpusDecoder.SampleRate, head.Channels);
            var block = new float[MaxFrameSamples * head.Channels];
            foreach (var frame in frames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int decoded = decoder.Decode(frame.Data.Span, block, MaxFrameSamples, false);
                int padding = (int)Math.Clamp(frame.DiscardPaddingNs * OggOpusDecoder.SampleRate / 1_000_000_000, 0, decoded);
                ChannelMixer.AppendMono(block.AsSpan(0, (decoded - padding) * head.Channels), head.Channels, mono, clipping);
            }
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Thrown(fileName, FormatName, e);
        }

        int skip = Math.Min(head.PreSkip, mono.Count);
        var samples = new float[mono.Count - skip];
        float gain = head.OutputGainFactor;
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = mono[skip + i] * gain;
        }

        return DecodeResult.Success(new DecodedAudio(samples, OggOpusDecoder.SampleRate) { Clipping = clipping?.Finish() });
    }
}
