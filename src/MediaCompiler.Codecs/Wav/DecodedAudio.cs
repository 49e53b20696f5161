using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Wav;

/// <summary>Decoded mono audio: float samples (full scale 1.0) at a sample rate.</summary>
public sealed record DecodedAudio(float[] Samples, int SampleRate)
{
    public double DurationSeconds => SampleRate == 0 ? 0 : (double)Samples.Length / SampleRate;

    /// <summary>
    /// The source's clipping channel by channel, when it had several and its decoder counted them before mixing
    /// (null for mono, and for audio decoded by ffmpeg, which mixes before we see it): the clipping check uses it.
    /// </summary>
    public ChannelClipping? Clipping { get; init; }
}
