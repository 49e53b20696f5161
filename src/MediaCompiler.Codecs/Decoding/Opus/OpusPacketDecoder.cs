using Concentus;

namespace MediaCompiler.Codecs.Decoding.Opus;

/// <summary>
/// Concentus's decoder for what an <see cref="OpusHead"/> describes, at 48 kHz in float: the plain decoder for one
/// mono or stereo stream, the multistream decoder (with the header's stream counts and channel mapping) otherwise.
/// Ogg Opus and WebM Opus feed it their packets; each gives the header's channels, interleaved.
/// </summary>
internal sealed class OpusPacketDecoder
{
    /// <summary>The longest Opus packet: 120 ms at 48 kHz.</summary>
    public const int MaxFrameSamples = 5760;

    private readonly IOpusDecoder? _single;
    private readonly IOpusMultiStreamDecoder? _multi;

    public OpusPacketDecoder(OpusHead head)
    {
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        if (head.IsSingleStream)
        {
            _single = OpusCodecFactory.CreateDecoder(OggOpusDecoder.SampleRate, head.Channels);
        }
        else
        {
            _multi = OpusCodecFactory.CreateMultiStreamDecoder(OggOpusDecoder.SampleRate, head.Channels, head.Streams, head.CoupledStreams, head.Mapping);
        }

        Block = new float[MaxFrameSamples * head.Channels];
    }

    /// <summary>The last packet's samples, interleaved.</summary>
    public float[] Block { get; }

    /// <summary>Decodes one packet into <see cref="Block"/>; returns its frames (samples per channel).</summary>
    public int Decode(ReadOnlySpan<byte> packet) =>
        _single is not null
            ? _single.Decode(packet, Block, MaxFrameSamples, false)
            : _multi!.DecodeMultistream(packet, Block, MaxFrameSamples, false);
}
