using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Codecs.Wav;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// Decodes native FLAC in-process with our own decoder (<see cref="FlacStreamDecoder"/>, written after RFC 9639) and
/// mixes it to mono floats at the file's rate. A file that ends where the stream needs more bytes is IVR1005
/// (truncated); every other fault, including an MD5 that does not match, is IVR3120.
/// </summary>
internal sealed class FlacDecoder : IManagedDecoder
{
    public string FormatName => "FLAC";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var sink = new MonoSink(content.Length);
        var outcome = FlacStreamDecoder.Decode(content, sink, usage: null, cancellationToken);
        return outcome switch
        {
            { Header: { } header } => DecodeResult.Success(new DecodedAudio(sink.Mono, header.SampleRate) { Clipping = sink.Clipping?.Finish() }),
            // The file ends where the stream needs more: cut short (an interrupted copy), which re-encoding cannot mend.
            { CutShort: true } => DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.AudioTruncated, fileName, fileName, outcome.Failure!)),
            // A valid stream the decoder does not read (flac 1.4's 32-bit samples) is not the file's fault.
            { Unsupported: true } => DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.DecodeFormatNotDecodable, fileName, fileName, FormatName, $" ({outcome.Failure})")),
            _ => DecoderFailure.Damaged(fileName, FormatName, outcome.Failure!),
        };
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

    /// <summary>
    /// Mixes each frame to mono as <see cref="ChannelMixer"/> does (the average of the channels), scaled to [-1, 1),
    /// straight from the integers into one growing array: a minute of 44.1 kHz stereo is 2.6 million samples, and
    /// the per-sample list appends and copies of the float path cost as much as the decoding itself.
    /// </summary>
    private sealed class MonoSink(int contentLength) : IFlacSampleSink
    {
        // A capacity hint, never more than the bytes could plausibly hold (real FLAC spends several bits per mono
        // sample) nor than the duration cap, whatever the header declares; the array grows if a stream of CONSTANT
        // frames holds more (up to the cap, where the decode stops).
        private const int MaxSamplesPerByte = 2;

        private float[] _mono = [];
        private int _count;
        private float _factor;
        private float _unit;
        private int _quietLimit;
        private long _cap;

        public float[] Mono => _count == _mono.Length ? _mono : _mono[.._count];

        /// <summary>Each channel's clipping, counted before the mix (none for a mono stream).</summary>
        public ChannelClipping.Tracker? Clipping { get; private set; }

        public void Start(FlacStreamHeader header)
        {
            _unit = 1f / (1 << (header.BitsPerSample - 1));
            _factor = _unit / header.Channels;
            // The largest magnitude below full scale (SignalStatistics.FullScale) at this depth: 32766 of 32768 at 16 bits.
            _quietLimit = (int)Math.Ceiling(SignalStatistics.FullScale * Math.Pow(2, header.BitsPerSample - 1)) - 1;
            Clipping = ChannelMixer.ClippingTracker(header.Channels);
            long declared = header.TotalSamples > 0 ? header.TotalSamples : long.MaxValue;
            _cap = (long)FlacStreamDecoder.MaxDurationSeconds * header.SampleRate;
            _mono = new float[Math.Min(Math.Min(declared, _cap), (long)contentLength * MaxSamplesPerByte)];
        }

        public void Append(int[][] channels, int blockSize)
        {
            if (_count + blockSize > _mono.Length)
            {
                // The stream decoder stops before the cap, so doubling up to it always makes room.
                Array.Resize(ref _mono, (int)Math.Max(_count + blockSize, Math.Min(_cap, 2L * _mono.Length)));
            }

            if (Clipping is { } clipping)
            {
                for (int c = 0; c < channels.Length; c++)
                {
                    var samples = channels[c].AsSpan(0, blockSize);
                    // Most blocks hold no full-scale sample: one vectorized scan says so, instead of a look at each.
                    if (samples.IndexOfAnyExceptInRange(-_quietLimit, _quietLimit) < 0)
                    {
                        clipping.AddQuiet(c);
                        continue;
                    }

                    foreach (int sample in samples)
                    {
                        clipping.Add(c, sample * _unit);
                    }
                }
            }

            var mono = _mono.AsSpan(_count, blockSize);
            var first = channels[0].AsSpan(0, blockSize);
            if (channels.Length == 2)
            {
                var second = channels[1].AsSpan(0, blockSize);
                for (int i = 0; i < mono.Length; i++)
                {
                    mono[i] = (first[i] + second[i]) * _factor;
                }
            }
            else
            {
                for (int i = 0; i < mono.Length; i++)
                {
                    int sum = first[i];
                    for (int c = 1; c < channels.Length; c++)
                    {
                        sum += channels[c][i];
                    }

                    mono[i] = sum * _factor;
                }
            }

            _count += blockSize;
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
