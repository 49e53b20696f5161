namespace MediaCompiler.Codecs.Wav;

/// <summary>Decoded mono audio: float samples (full scale 1.0) at a sample rate.</summary>
public sealed record DecodedAudio(float[] Samples, int SampleRate)
{
    public double DurationSeconds => SampleRate == 0 ? 0 : (double)Samples.Length / SampleRate;
}
