using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>The quality properties: their values reach the thresholds and the engine's target; bad ones are IVR207x.</summary>
public sealed class QualitySettingsTests
{
    private static readonly RawBuildSettings Valid = new() { FlowId = "main-menu-flow" };

    private static SettingsParser.Result Parse(RawBuildSettings settings) => SettingsParser.Parse(settings, [], _ => null);

    [Fact]
    public void Blank_properties_take_the_defaults_and_the_engine_is_sent_the_default_target()
    {
        var settings = Parse(Valid).Settings!;

        Assert.True(settings.QualityChecks);
        Assert.Equal(new QualityThresholds { TargetSpeechLevelDbov = -26, SpeechLevelToleranceDb = 6, MaxClippedSamples = 0, MaxLeadingSilenceSeconds = 1.5,
            MaxTrailingSilenceSeconds = 1.5, MaxDcOffsetDbfs = -40, MaxDurationSeconds = null, MaxLevelSpreadDb = 6 }, settings.Quality);
        Assert.Equal(-26, settings.Options.TargetSpeechLevelDbov);
    }

    [Fact]
    public void Every_property_reaches_its_threshold_read_with_the_invariant_culture()
    {
        var settings = Parse(Valid with
        {
            QualityChecks = "false",
            TargetSpeechLevel = "-23.5",
            SpeechLevelTolerance = "3",
            MaxClippedSamples = "12",
            MaxLeadingSilence = "0.25",
            MaxTrailingSilence = "2",
            MaxDcOffset = "-50",
            MaxPromptSeconds = "30",
            MaxLevelSpread = "4.5",
        }).Settings!;

        Assert.False(settings.QualityChecks);
        Assert.Equal(new QualityThresholds { TargetSpeechLevelDbov = -23.5, SpeechLevelToleranceDb = 3, MaxClippedSamples = 12, MaxLeadingSilenceSeconds = 0.25,
            MaxTrailingSilenceSeconds = 2, MaxDcOffsetDbfs = -50, MaxDurationSeconds = 30, MaxLevelSpreadDb = 4.5 }, settings.Quality);
        Assert.Equal(-23.5, settings.Options.TargetSpeechLevelDbov);
    }

    public static TheoryData<string, RawBuildSettings, string> BadValues() => new()
    {
        { "IVR2070", Valid with { TargetSpeechLevel = "loud" }, "IvrTargetSpeechLevel" },
        { "IVR2070", Valid with { TargetSpeechLevel = "-61" }, "-61" },
        { "IVR2070", Valid with { TargetSpeechLevel = "3" }, "3" },
        { "IVR2070", Valid with { TargetSpeechLevel = "-26,5" }, "-26,5" }, // a decimal comma is not read as -265 or -26.5
        { "IVR2071", Valid with { SpeechLevelTolerance = "-1" }, "-1" },
        { "IVR2071", Valid with { SpeechLevelTolerance = "NaN" }, "NaN" },
        { "IVR2072", Valid with { MaxClippedSamples = "1.5" }, "1.5" },
        { "IVR2072", Valid with { MaxClippedSamples = "-3" }, "-3" },
        { "IVR2073", Valid with { MaxLeadingSilence = "long" }, "IvrMaxLeadingSilence" },
        { "IVR2073", Valid with { MaxTrailingSilence = "-0.5" }, "IvrMaxTrailingSilence" },
        { "IVR2074", Valid with { MaxDcOffset = "10" }, "10" },
        { "IVR2075", Valid with { MaxPromptSeconds = "0" }, "0" },
        { "IVR2075", Valid with { MaxPromptSeconds = "Infinity" }, "Infinity" },
        { "IVR2076", Valid with { MaxLevelSpread = "61" }, "61" },
        { "IVR2005", Valid with { QualityChecks = "yes" }, "IvrQualityChecks" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_one_coded_error_that_names_it(string code, RawBuildSettings raw, string mentioned)
    {
        var result = Parse(raw);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(code, error.Code);
        Assert.True(error.IsError);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Descriptor.Fix));
    }

    [Fact]
    public void Every_bad_quality_value_is_reported_at_once()
    {
        var result = Parse(Valid with { TargetSpeechLevel = "x", MaxDcOffset = "y", MaxLevelSpread = "z" });

        Assert.Equal(["IVR2070", "IVR2074", "IVR2076"], result.Diagnostics.Select(d => d.Code).Order());
    }
}
