using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// Decodes ALAC packets one at a time and appends each one's mono mix (its clipping counted channel by channel first),
/// so memory follows the mono output, never the channels of the whole file. The output is capped: a packet of a few
/// bytes can stand for a whole frame of silence, so the file's size alone does not bound it.
/// </summary>
internal sealed class AlacMonoMix
{
    private readonly AlacFrameDecoder _decoder;
    private readonly AlacConfig _config;
    private readonly long _maxSamples;
    private readonly float _scale;
    private readonly float[] _interleaved;
    private readonly ChannelClipping.Tracker? _clipping;

    public AlacMonoMix(AlacConfig config, long maxSamples, int expectedPackets)
    {
        _config = config;
        _decoder = new AlacFrameDecoder(config);
        _maxSamples = maxSamples;
        _scale = 1f / (1L << (config.BitDepth - 1));
        _interleaved = new float[config.FrameLength * config.Channels];
        _clipping = ChannelMixer.ClippingTracker(config.Channels);
        Mono = new List<float>((int)Math.Min(Math.Min((long)expectedPackets * config.FrameLength, maxSamples), 1 << 22));
    }

    public List<float> Mono { get; }

    public ChannelClipping? Clipping() => _clipping?.Finish();

    /// <summary>Decodes one packet and appends its mix; false, appending nothing, when that would pass the cap.</summary>
    /// <exception cref="AlacDamageException">The packet breaks the format's rules.</exception>
    public bool Append(byte[] content, int offset, int length)
    {
        var samples = _decoder.Decode(content, offset, length);
        if (Mono.Count + (long)samples > _maxSamples)
        {
            return false;
        }

        var channels = _config.Channels;
        for (var c = 0; c < channels; c++)
        {
            var source = _decoder.Channels[c];
            for (var s = 0; s < samples; s++)
            {
                _interleaved[(s * channels) + c] = source[s] * _scale;
            }
        }

        ChannelMixer.AppendMono(_interleaved.AsSpan(0, samples * channels), channels, Mono, _clipping);
        return true;
    }
}
