using System.CommandLine;
using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Cli.Checking;

/// <summary>
/// validate's quality options, one per threshold of <see cref="QualityThresholds"/> with the build's defaults (the
/// MSBuild property of the same limit is named in each description), and <c>--no-quality</c>.
/// </summary>
internal sealed class QualityOptions
{
    private static readonly QualityThresholds Defaults = new();

    private readonly Option<bool> _noQuality = new("--no-quality")
    {
        Description = "Skip the quality checks and loudness (no decoding where the build's silence check allows it): faster, errors only.",
    };

    private readonly Option<bool> _noNormalize = new("--no-normalize")
    {
        Description = "The prompts are not levelled by the platform (IvrNormalizeVolume=false): report speech levels off the target (IVR1601, IVR1609) and levels apart (IVR1607). By default they are levelled to --target-level, as the build does, so those are not problems.",
    };

    private readonly Option<double> _targetLevel = Number("--target-level", Defaults.TargetSpeechLevelDbov,
        "Target active speech level, dBov by ITU-T P.56 (IvrTargetSpeechLevel)", mayBeNegative: true);

    private readonly Option<double> _levelTolerance = Number("--level-tolerance", Defaults.SpeechLevelToleranceDb,
        "How far from the target a level may be, dB, before IVR1601 (IvrSpeechLevelTolerance)");

    private readonly Option<double> _maxLeadingSilence = Number("--max-leading-silence", Defaults.MaxLeadingSilenceSeconds,
        "Leading silence allowed, seconds, before IVR1603 (IvrMaxLeadingSilence)");

    private readonly Option<double> _maxTrailingSilence = Number("--max-trailing-silence", Defaults.MaxTrailingSilenceSeconds,
        "Trailing silence allowed, seconds, before IVR1604 (IvrMaxTrailingSilence)");

    private readonly Option<long> _maxClippedSamples = new("--max-clipped-samples")
    {
        Description = "Clipped samples allowed before IVR1602 (IvrMaxClippedSamples).",
        DefaultValueFactory = _ => Defaults.MaxClippedSamples,
    };

    private readonly Option<double> _maxDcOffset = Number("--max-dc-offset", Defaults.MaxDcOffsetDbfs,
        "DC offset allowed, dBFS, before IVR1605 (IvrMaxDcOffset)", mayBeNegative: true);

    private readonly Option<double> _maxLevelSpread = Number("--max-level-spread", Defaults.MaxLevelSpreadDb,
        "How far apart the speech levels of the files checked together may be, dB, before IVR1607 (IvrMaxLevelSpread)");

    private readonly Option<double?> _maxDuration = new("--max-duration")
    {
        Description = "Longest prompt allowed, seconds, before IVR1606 (IvrMaxPromptSeconds). Default: no limit.",
    };

    public QualityOptions()
    {
        _maxClippedSamples.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--max-clipped-samples cannot be negative.");
            }
        });
        _maxDuration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is double seconds && !(seconds > 0 && double.IsFinite(seconds)))
            {
                result.AddError($"--max-duration must be a number of seconds above 0, not {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        });
    }

    public IEnumerable<Option> All =>
        [_noQuality, _noNormalize, _targetLevel, _levelTolerance, _maxLeadingSilence, _maxTrailingSilence, _maxClippedSamples, _maxDcOffset, _maxLevelSpread, _maxDuration];

    public QualitySettings Read(ParseResult parseResult)
    {
        var thresholds = new QualityThresholds
        {
            TargetSpeechLevelDbov = parseResult.GetValue(_targetLevel),
            SpeechLevelToleranceDb = parseResult.GetValue(_levelTolerance),
            MaxLeadingSilenceSeconds = parseResult.GetValue(_maxLeadingSilence),
            MaxTrailingSilenceSeconds = parseResult.GetValue(_maxTrailingSilence),
            MaxClippedSamples = parseResult.GetValue(_maxClippedSamples),
            MaxDcOffsetDbfs = parseResult.GetValue(_maxDcOffset),
            MaxLevelSpreadDb = parseResult.GetValue(_maxLevelSpread),
            MaxDurationSeconds = parseResult.GetValue(_maxDuration),
        };
        return new QualitySettings(!parseResult.GetValue(_noQuality), thresholds, LevelsAudio: !parseResult.GetValue(_noNormalize));
    }

    /// <summary>A threshold option that refuses NaN and infinities (and, unless it is a level, negative values) as usage errors.</summary>
    private static Option<double> Number(string name, double defaultValue, string description, bool mayBeNegative = false)
    {
        var option = new Option<double>(name) { Description = $"{description}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || (!mayBeNegative && value < 0))
            {
                result.AddError($"{name} must be a finite {(mayBeNegative ? string.Empty : "non-negative ")}number, not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }
}
