namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// What the P.56 speech voltmeter measured: the active speech level in dBov (null when the signal holds no active
/// speech), the activity factor (share of samples that are active speech, 0..1) and the long-term RMS level in dBov
/// (null for an empty signal).
/// </summary>
public sealed record P56Level(double? ActiveSpeechLevelDbov, double ActivityFactor, double? LongTermLevelDbov);
