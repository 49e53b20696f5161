using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// Decodes native FLAC in-process with our own decoder (<see cref="FlacStreamDecoder"/>, written after RFC 9639) and
/// mixes it to mono floats at the file's rate. Every fault, including an MD5 that does not match, is IVR3120.
/// </summary>
internal sealed class FlacDecoder : IManagedDecoder
{
    public string FormatName => "FLAC";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var sink = new MonoSink(content.Length);
        var outcome = FlacStreamDecoder.Decode(content, sink, usage: null, cancellationToken);
        return outcome.Header is { } header
            ? DecodeResult.Success(new DecodedAudio([.. sink.Mono], header.SampleRate))
            : DecoderFailure.Damaged(fileName, FormatName, outcome.Failure!);
    }

    /// <summary>
    /// The integer samples, interleaved, exactly as coded: for tests that compare them with a reference decoder's
    /// bit for bit, and with the tools the stream used counted into <paramref name="usage"/>.
    /// </summary>
    internal static (int[]? Interleaved, FlacStreamHeader? Header, string? Failure) DecodeIntegers(byte[] content, FlacToolUsage? usage = null)
    {
        var sink = new IntegerSink();
        var outcome = FlacStreamDecoder.Decode(content, sink, usage, CancellationToken.None);
        return outcome.Header is { } header ? ([.. sink.Samples], header, null) : (null, null, outcome.Failure);
    }

    /// <summary>Scales each frame to [-1, 1) and mixes its channels down with <see cref="ChannelMixer"/>.</summary>
    private sealed class MonoSink(int contentLength) : IFlacSampleSink
    {
        private float[] _interleaved = [];
        private float _scale;

        public List<float> Mono { get; private set; } = [];

        public void Start(FlacStreamHeader header)
        {
            _scale = 1f / (1 << (header.BitsPerSample - 1));
            _interleaved = new float[header.MaxBlockSize * header.Channels];

            // A capacity hint only, and never more than the bytes could plausibly hold: real FLAC needs well over a
            // byte per mono sample, while the declared total may be anything.
            long declared = header.TotalSamples > 0 ? header.TotalSamples : long.MaxValue;
            Mono = new List<float>((int)Math.Min(declared, contentLength));
        }

        public void Append(int[][] channels, int blockSize)
        {
            int count = channels.Length;
            for (int c = 0; c < count; c++)
            {
                var samples = channels[c];
                for (int i = 0; i < blockSize; i++)
                {
                    _interleaved[(i * count) + c] = samples[i] * _scale;
                }
            }

            ChannelMixer.AppendMono(_interleaved.AsSpan(0, blockSize * count), count, Mono);
        }
    }

    private sealed class IntegerSink : IFlacSampleSink
    {
        public List<int> Samples { get; } = [];

        public void Start(FlacStreamHeader header)
        {
        }

        public void Append(int[][] channels, int blockSize)
        {
            for (int i = 0; i < blockSize; i++)
            {
                foreach (var channel in channels)
                {
                    Samples.Add(channel[i]);
                }
            }
        }
    }
}
