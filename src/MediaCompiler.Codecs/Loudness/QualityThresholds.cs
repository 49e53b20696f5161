namespace MediaCompiler.Codecs.Loudness;

/// <summary>
/// The limits of the prompt quality checks (each a project property in the build). Defaults suit telephony speech.
/// </summary>
public sealed record QualityThresholds
{
    /// <summary>The P.56 active speech level prompts should have, in dBov (IvrTargetSpeechLevel).</summary>
    public double TargetSpeechLevelDbov { get; init; } = -26;

    /// <summary>How far from the target a prompt's level may be before IVR1601 (IvrSpeechLevelTolerance).</summary>
    public double SpeechLevelToleranceDb { get; init; } = 6;

    /// <summary>Clipped samples (in runs at full scale) a prompt may hold before IVR1602 (IvrMaxClippedSamples).</summary>
    public long MaxClippedSamples { get; init; }

    /// <summary>Consecutive full-scale samples that count as clipping (IvrMinClippedRun).</summary>
    public int MinimumClippedRun { get; init; } = SignalStatistics.DefaultMinimumClippedRun;

    /// <summary>Leading silence allowed, in seconds, before IVR1603 (IvrMaxLeadingSilence).</summary>
    public double MaxLeadingSilenceSeconds { get; init; } = 1.5;

    /// <summary>Trailing silence allowed, in seconds, before IVR1604 (IvrMaxTrailingSilence).</summary>
    public double MaxTrailingSilenceSeconds { get; init; } = 1.5;

    /// <summary>The DC offset allowed, in dBFS (|mean| 0.01 of full scale at -40), before IVR1605 (IvrMaxDcOffset).</summary>
    public double MaxDcOffsetDbfs { get; init; } = -40;

    /// <summary>The longest prompt allowed, in seconds, before IVR1606; null turns the check off (IvrMaxPromptSeconds).</summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>How far apart the levels of one project's prompts may be before IVR1607 (IvrMaxLevelSpread).</summary>
    public double MaxLevelSpreadDb { get; init; } = 6;
}
