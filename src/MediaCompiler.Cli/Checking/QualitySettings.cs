using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Cli.Checking;

/// <summary>
/// Whether validate measures the decoded audio (P.56 speech level, clipping, silence, DC offset, duration) and with
/// which limits. Off (<c>--no-quality</c>), validate keeps only the build's error checks and skips decoding where it can.
/// </summary>
public sealed record QualitySettings(bool Enabled, QualityThresholds Thresholds)
{
    /// <summary>The build's defaults: quality measured, thresholds of <see cref="QualityThresholds"/>.</summary>
    public static QualitySettings Default { get; } = new(true, new QualityThresholds());

    /// <summary>Errors only: no loudness measured, no quality warnings.</summary>
    public static QualitySettings Off { get; } = new(false, new QualityThresholds());
}
