namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// Runs of full-scale samples in each channel of a source of several channels, counted before the decoder mixes them
/// to mono. The mix averages a clipped channel with the others, so the mono signal alone can hide clipping: a hot left
/// channel and a quiet right one mix to a signal well under full scale, and the prompt still sounds distorted. Kept as
/// a histogram of run lengths per channel (a few entries, whatever the length of the file), so that the checks can
/// apply any minimum run afterwards.
/// </summary>
public sealed class ChannelClipping
{
    /// <summary>Per channel: run length → how many runs of that length.</summary>
    private readonly Dictionary<int, long>[] _runs;

    private ChannelClipping(Dictionary<int, long>[] runs) => _runs = runs;

    /// <summary>
    /// The channel with the most samples in full-scale runs of at least <paramref name="minimumRun"/>: its clipped
    /// samples and runs (the first channel on a tie; zero and zero when none clips).
    /// </summary>
    public (long Samples, int Runs) Worst(int minimumRun)
    {
        (long Samples, int Runs) worst = (0, 0);
        foreach (var channel in _runs)
        {
            long samples = 0;
            long runs = 0;
            foreach (var (length, count) in channel)
            {
                if (length >= minimumRun)
                {
                    samples += length * count;
                    runs += count;
                }
            }

            if (samples > worst.Samples)
            {
                worst = (samples, (int)Math.Min(runs, int.MaxValue));
            }
        }

        return worst;
    }

    /// <summary>Counts the runs as a decoder hands over each channel's samples (full scale 1.0), then <see cref="Finish"/>.</summary>
    public sealed class Tracker
    {
        private readonly int[] _open;
        private readonly Dictionary<int, long>[] _runs;
        private readonly float _fullScale;

        /// <param name="channels">The source's channel count.</param>
        /// <param name="gain">What the decoder multiplies the samples by after mixing (Opus's output gain): a sample
        /// is at full scale where it will be once that gain is applied.</param>
        public Tracker(int channels, float gain = 1f)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
            _fullScale = SignalStatistics.FullScale / Math.Abs(gain);
            _open = new int[channels];
            _runs = new Dictionary<int, long>[channels];
            for (int c = 0; c < channels; c++)
            {
                _runs[c] = [];
            }
        }

        /// <summary>One sample of <paramref name="channel"/>, in order.</summary>
        public void Add(int channel, float sample)
        {
            if (Math.Abs(sample) >= _fullScale)
            {
                _open[channel]++;
            }
            else
            {
                AddQuiet(channel);
            }
        }

        /// <summary>
        /// Ends <paramref name="channel"/>'s open run, if any: after a sample under full scale, at the end of the stream,
        /// or for a stretch a decoder found free of full-scale samples faster than sample by sample.
        /// </summary>
        public void AddQuiet(int channel)
        {
            if (_open[channel] > 0)
            {
                var runs = _runs[channel];
                runs[_open[channel]] = runs.GetValueOrDefault(_open[channel]) + 1;
                _open[channel] = 0;
            }
        }

        /// <summary>Whole frames of <paramref name="channels"/> interleaved samples (a partial last frame is ignored, as the mix ignores it).</summary>
        public void AddInterleaved(ReadOnlySpan<float> interleaved, int channels)
        {
            int samples = interleaved.Length / channels * channels;
            for (int i = 0; i < samples; i++)
            {
                Add(i % channels, interleaved[i]);
            }
        }

        /// <summary>The counts, with the runs still open at the end of the stream closed.</summary>
        public ChannelClipping Finish()
        {
            for (int c = 0; c < _open.Length; c++)
            {
                AddQuiet(c);
            }

            return new ChannelClipping(_runs);
        }
    }
}
