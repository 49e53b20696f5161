namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR16xx: quality warnings about how a prompt will sound on a phone (speech level by ITU-T P.56, clipping, silence,
/// DC offset, duration, level differences between prompts, and what volume normalisation had to do).
/// IVR3120-3139: the engine's in-process decoders rejecting an asset.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor QualitySpeechLevelOffTarget = new(
        "IVR1601", DiagnosticSeverity.Warning, "Speech level off target",
        "'{0}' has an active speech level of {1} dBov (ITU-T P.56), {2} dB from the target {3} dBov; prompts are expected within ±{4} dB.",
        "Turn on normalizeVolume (IvrNormalizeVolume=true), or level it: ivr-media fix \"{0}\" --in-place --normalize, or re-master the prompt to about {3} dBov active speech level.");

    public static readonly DiagnosticDescriptor QualityClipping = new(
        "IVR1602", DiagnosticSeverity.Warning, "Clipped samples",
        "'{0}' has {1} clipped sample(s) in {2} run(s) at full scale (runs of at least {3} samples count); the limit is {4}.",
        "Re-record at a lower input gain or export the prompt again without limiting to full scale; clipping distorts speech audibly.");

    public static readonly DiagnosticDescriptor QualityLeadingSilence = new(
        "IVR1603", DiagnosticSeverity.Warning, "Long leading silence",
        "'{0}' starts with {1} s of silence (below {2} dBFS); the limit is {3} s.",
        "Trim it: ivr-media fix \"{0}\" --in-place --trim-silence (or sox in.wav out.wav silence 1 0.05 1%); callers hear dead air before it speaks.");

    public static readonly DiagnosticDescriptor QualityTrailingSilence = new(
        "IVR1604", DiagnosticSeverity.Warning, "Long trailing silence",
        "'{0}' ends with {1} s of silence (below {2} dBFS); the limit is {3} s.",
        "Trim it: ivr-media fix \"{0}\" --in-place --trim-silence (or sox in.wav out.wav reverse silence 1 0.05 1% reverse); callers wait through it before the next step.");

    public static readonly DiagnosticDescriptor QualityDcOffset = new(
        "IVR1605", DiagnosticSeverity.Warning, "DC offset",
        "'{0}' has a DC offset of {1} dBFS (mean sample value {2}); the limit is {3} dBFS.",
        "Remove the offset with a high-pass filter, e.g. ffmpeg -i in.wav -af highpass=f=20 out.wav, or fix the recording chain.");

    public static readonly DiagnosticDescriptor QualityTooLong = new(
        "IVR1606", DiagnosticSeverity.Warning, "Prompt too long",
        "'{0}' lasts {1} s; the project's maximum prompt duration is {2} s.",
        "Shorten the prompt or split it into several, or raise the maximum (IvrMaxPromptSeconds).");

    public static readonly DiagnosticDescriptor QualityLevelSpread = new(
        "IVR1607", DiagnosticSeverity.Warning, "Prompt levels differ",
        "Prompts of this project differ by {0} dB in active speech level: '{1}' is at {2} dBov and '{3}' at {4} dBov; the limit is {5} dB.",
        "Turn on normalizeVolume (IvrNormalizeVolume=true) so every prompt is brought to the same level, or re-master the outliers.");

    public static readonly DiagnosticDescriptor QualityNormalizationLimited = new(
        "IVR1608", DiagnosticSeverity.Warning, "Normalisation limited to avoid clipping",
        "'{0}' needed {1} dB of gain to reach {2} dBov, which would have pushed its peaks to {3} dBFS; {4}.",
        "Compress or limit the prompt's peaks before building it (its peak-to-speech-level ratio is unusually high), or accept the result.");

    public static readonly DiagnosticDescriptor QualityNoSpeech = new(
        "IVR1609", DiagnosticSeverity.Warning, "No active speech",
        "'{0}' has no active speech by ITU-T P.56 (its level stays within 15.9 dB of the noise floor), so its speech level cannot be measured or normalised.",
        "Check that the prompt holds speech and not only noise or tones; re-record it if needed.");

    public static readonly DiagnosticDescriptor DecodeStreamDamaged = new(
        "IVR3120", DiagnosticSeverity.Error, "Audio stream damaged",
        "'{0}' could not be decoded as {1}: {2}.",
        "Re-encode the prompt from its source, e.g. ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor DecodeFormatNotDecodable = new(
        "IVR3121", DiagnosticSeverity.Error, "No in-process decoder for this format",
        "'{0}' is {1} audio, which the engine cannot decode in-process{2}.",
        "Convert the prompt to a PCM WAV, MP3, Ogg Vorbis or Ogg Opus file, e.g. ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor DecodeExternalFallback = new(
        "IVR3122", DiagnosticSeverity.Warning, "Decoded with external ffmpeg",
        "'{0}' is {1} audio, which the engine has no in-process decoder for yet, so it was decoded by the external program '{2}'.",
        "Nothing to do while ffmpeg is installed; to build without it, convert the prompt to PCM WAV, MP3, Ogg Vorbis or Ogg Opus.");
}
