using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Cli.Fixing;

/// <summary>How fixed prompts are stored in their WAV file.</summary>
public enum PromptEncoding
{
    Pcm16,
    MuLaw,
    ALaw,
}

/// <summary>What <c>ivr-media fix</c> was asked for; null rate and encoding mean "closest accepted to the input".</summary>
public sealed record FixTarget(
    TargetPlatform Platform,
    PromptEncoding? Encoding,
    int? SampleRate,
    bool Normalize,
    bool TrimSilence)
{
    /// <summary>The active speech level (ITU-T P.56) a normalised prompt is brought to: the engine's own target.</summary>
    public const double TargetSpeechLevelDbov = MediaCompiler.Codecs.Dsp.SpeechLevelNormalizer.DefaultTargetDbov;

    /// <summary>
    /// A normalised prompt within this much of the target is left alone, so a second fix changes nothing; wide enough
    /// for the level change G.711 quantisation and the soft limiter can make.
    /// </summary>
    public const double NormalizedToleranceDb = 0.5;

    /// <summary>Samples quieter than this at the ends are silence for --trim-silence.</summary>
    public const double SilenceThresholdDbfs = -50;

    /// <summary>Silence kept at each end after trimming, so speech does not start abruptly.</summary>
    public const double KeptSilenceSeconds = 0.1;
}
