using MediaCompiler.Codecs.Decoding.Opus;
using MediaCompiler.Codecs.Wav;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding.WebM;

/// <summary>
/// Decodes Opus in WebM or Matroska (a browser's MediaRecorder recording) with Concentus at 48 kHz over
/// <see cref="MatroskaBlocks"/>: the track's CodecPrivate is its OpusHead, whose pre-skip is dropped and whose gain is
/// applied, and a block's DiscardPadding is cut from its end (the WebM counterparts of Ogg Opus's pre-skip and final
/// granule position). The channel mappings of Ogg Opus, with the same mono mix.
/// </summary>
internal sealed class WebmOpusDecoder : IManagedDecoder
{
    public string FormatName => "WebM Opus";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (track, frames, problem, cutShort) = MatroskaBlocks.Read(content);
        if (cutShort)
        {
            // A recording cut short (the file ends inside an element: a block, the track list): refused as truncated,
            // as a cut WAV, MP4 or FLAC is, rather than turned into a shorter prompt (or re-encoded, IVR3120's advice).
            return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.AudioTruncated, fileName, fileName, problem!));
        }

        if (track is null || track.CodecId != "A_OPUS")
        {
            return DecoderFailure.Damaged(fileName, FormatName, problem ?? "it has no Opus audio track");
        }

        var (head, headProblem) = OpusHead.Parse(track.CodecPrivate);
        if (head is null)
        {
            return DecoderFailure.Damaged(fileName, FormatName, $"its Opus track's private data: {headProblem}");
        }

        if (frames.Count == 0 || problem is not null)
        {
            // A damaged block, or no audio at all: refused rather than converted into a shorter prompt.
            return DecoderFailure.Damaged(fileName, FormatName, problem ?? "its Opus track has no audio blocks");
        }

        var mono = new List<float>();
        var clipping = ChannelMixer.ClippingTracker(head.Channels, head.OutputGainFactor);
        try
        {
            var decoder = new OpusPacketDecoder(head);
            foreach (var frame in frames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int decoded = decoder.Decode(frame.Data.Span);
                int padding = (int)Math.Clamp(frame.DiscardPaddingNs * OggOpusDecoder.SampleRate / 1_000_000_000, 0, decoded);
                ChannelMixer.AppendMono(decoder.Block.AsSpan(0, (decoded - padding) * head.Channels), head.Channels, mono, clipping);
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
