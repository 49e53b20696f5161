using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Platforms.Checking;

/// <summary>
/// Whether a prompt's decoded audio is measured (P.56 speech level, clipping, silence, DC offset, duration), with which
/// limits, and whether the platform levels the audio it is given (<c>IvrNormalizeVolume</c>, on by default). Off
/// (<c>--no-quality</c>, <c>IvrQualityChecks=false</c>), only the error checks run and decoding is skipped where it can be.
/// </summary>
public sealed record QualitySettings(bool Enabled, QualityThresholds Thresholds, bool LevelsAudio = true)
{
    /// <summary>The findings the platform's levelling answers for: the audio that leaves the machine is at the target.</summary>
    private static readonly HashSet<string> LevelCodes =
    [
        DiagnosticCatalog.QualitySpeechLevelOffTarget.Code,
        DiagnosticCatalog.QualityNoSpeech.Code,
    ];

    /// <summary>The build's defaults: quality measured with the thresholds of <see cref="QualityThresholds"/>, audio levelled.</summary>
    public static QualitySettings Default { get; } = new(true, new QualityThresholds());

    /// <summary>Errors only: no loudness measured, no quality warnings.</summary>
    public static QualitySettings Off { get; } = new(false, new QualityThresholds());

    /// <summary>
    /// Whether a finding is worth reporting: a level finding is not when the audio is levelled anyway (it would tell
    /// the user to fix what the build fixes, or to turn on a setting that is on).
    /// </summary>
    public bool Reports(Diagnostic finding) => !(LevelsAudio && LevelCodes.Contains(finding.Code));

    /// <summary>Whether prompts checked together are compared with each other (IVR1607): only when nothing levels them.</summary>
    public bool ComparesLevels => Enabled && !LevelsAudio;
}
