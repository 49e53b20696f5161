using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.TestSupport;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace MediaCompiler.Build.Tests.MSBuild;

/// <summary>
/// The quality checks through a real build (the repository's props and targets, the task, the embedded engine): each
/// warning is given for the prompt that earns it, on that prompt's file, and not when the property's limit allows it.
/// Prompts are synthetic tones whose P.56 level is known without our meter: a continuous sine of amplitude A has an
/// RMS of A/√2, i.e. 20·log10(A) − 3.01 dBov, and is active speech throughout.
/// </summary>
[Collection(InProcessMSBuildCollection.Name)]
public sealed class QualityCheckBuildTests : IDisposable
{
    private const int Rate = 8000;
    private readonly TempDirectory _project = new();

    public void Dispose() => _project.Dispose();

    /// <summary>The amplitude of a sine whose level is <paramref name="dbov"/>.</summary>
    private static double AmplitudeFor(double dbov) => Math.Sqrt(2) * Math.Pow(10, dbov / 20);

    private static float[] Sine(double amplitude, double seconds, double offset = 0) =>
        Enumerable.Range(0, (int)(seconds * Rate)).Select(i => (float)(offset + (amplitude * Math.Sin(2 * Math.PI * 440 * i / Rate)))).ToArray();

    private static float[] Silence(double seconds) => new float[(int)(seconds * Rate)];

    /// <summary>Every kind of prompt the checks tell apart.</summary>
    private static float[] Prompt(string kind) => kind switch
    {
        "good" => Sine(AmplitudeFor(-26), 1),
        "loud" => Sine(AmplitudeFor(-10), 1),                                            // 16 dB over the target
        "clipped" => Sine(1.5, 1),                                                       // flat tops at full scale
        "late" => [.. Silence(2), .. Sine(AmplitudeFor(-26), 1)],                        // 2 s before it speaks
        "trailing" => [.. Sine(AmplitudeFor(-26), 1), .. Silence(2)],                    // 2 s after
        "offset" => Sine(AmplitudeFor(-26), 1, offset: 0.05),                            // DC at 20·log10(0.05) = −26 dBFS
        "spiky" => [.. Sine(0.01, 0.5), 0.9f, .. Sine(0.01, 0.5)],                       // −43 dBov with one click at 0.9
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such test prompt"),
    };

    private void WritePrompts(params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var path = _project.Combine("prompts", kind + ".wav");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, WavWriter.Pcm16(Prompt(kind), Rate));
        }
    }

    private void WritePromptPair(double firstDbov, double secondDbov)
    {
        Directory.CreateDirectory(_project.Combine("prompts"));
        File.WriteAllBytes(_project.Combine("prompts", "first.wav"), WavWriter.Pcm16(Sine(AmplitudeFor(firstDbov), 1), Rate));
        File.WriteAllBytes(_project.Combine("prompts", "second.wav"), WavWriter.Pcm16(Sine(AmplitudeFor(secondDbov), 1), Rate));
    }

    private (BuildResult Result, RecordingLogger Log) Build(string properties = "")
    {
        var projectFile = _project.Combine("prompts.proj");
        File.WriteAllText(projectFile, $"""
            <Project>
              <Import Project="{Repository.PropsFile}" />
              <PropertyGroup>
                <IvrFlowId>main-menu-flow</IvrFlowId>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
                <OutDir>bin/</OutDir>
                <IvrTaskAssembly>{Repository.TaskAssembly}</IvrTaskAssembly>
                {properties}
              </PropertyGroup>
              <ItemGroup><IvrPrompt Include="prompts/*.wav" /></ItemGroup>
              <Import Project="{Repository.TargetsFile}" />
              <Target Name="_SetBuildingProject"><PropertyGroup><BuildingProject>true</BuildingProject></PropertyGroup></Target>
              <Target Name="AssignTargetPaths" />
              <Target Name="Build" DependsOnTargets="_SetBuildingProject;AssignTargetPaths" />
            </Project>
            """);
        var logger = new RecordingLogger();
        using var projects = new ProjectCollection();
        var parameters = new BuildParameters(projects) { Loggers = [logger], DisableInProcNode = false };
        var request = new BuildRequestData(projectFile, new Dictionary<string, string>(), null, ["Build"], null);
        return (BuildManager.DefaultBuildManager.Build(parameters, request), logger);
    }

    private static string[] QualityWarnings(RecordingLogger log) =>
        log.Warnings.Where(w => w.Code.StartsWith("IVR16", StringComparison.Ordinal))
            .Select(w => $"{w.Code} {Path.GetFileName(w.File)}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static void AssertSucceeded((BuildResult Result, RecordingLogger Log) build) =>
        Assert.True(build.Result.OverallResult == BuildResultCode.Success,
            string.Join("\n", build.Log.Errors.Select(e => $"{e.File}: {e.Code}: {e.Message}")));

    public static TheoryData<string, string, string?> Cases() => new()
    {
        // kind of prompt, properties, the one quality warning expected (null: none)
        { "good", "<IvrNormalizeVolume>false</IvrNormalizeVolume>", null },
        { "loud", "<IvrNormalizeVolume>false</IvrNormalizeVolume>", "IVR1601" },
        { "loud", "<IvrNormalizeVolume>false</IvrNormalizeVolume><IvrSpeechLevelTolerance>20</IvrSpeechLevelTolerance>", null },
        { "loud", "<IvrNormalizeVolume>false</IvrNormalizeVolume><IvrTargetSpeechLevel>-12</IvrTargetSpeechLevel>", null },
        { "loud", "", null },    // normalizeVolume on: the engine brings it to the target, so the source's level is no finding
        { "clipped", "", "IVR1602" },
        { "clipped", "<IvrMaxClippedSamples>100000</IvrMaxClippedSamples>", null },
        { "late", "", "IVR1603" },
        { "late", "<IvrMaxLeadingSilence>2.5</IvrMaxLeadingSilence>", null },
        { "trailing", "", "IVR1604" },
        { "trailing", "<IvrMaxTrailingSilence>2.5</IvrMaxTrailingSilence>", null },
        { "offset", "", "IVR1605" },
        { "offset", "<IvrMaxDcOffset>-20</IvrMaxDcOffset>", null },
        { "good", "<IvrMaxPromptSeconds>0.5</IvrMaxPromptSeconds>", "IVR1606" },
        { "good", "<IvrMaxPromptSeconds>1.5</IvrMaxPromptSeconds>", null },
        { "late", "<IvrQualityChecks>false</IvrQualityChecks>", null },
        // The engine's own warning, from its compile result: normalisation had to reduce the gain to spare the click.
        { "spiky", "", "IVR1608" },
        { "spiky", "<IvrNormalizeVolume>false</IvrNormalizeVolume><IvrSpeechLevelTolerance>30</IvrSpeechLevelTolerance>", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_check_warns_on_the_prompt_that_earns_it_and_only_then(string kind, string properties, string? expected)
    {
        WritePrompts(kind);

        var build = Build(properties);

        AssertSucceeded(build);
        Assert.Equal(expected is null ? [] : [$"{expected} {kind}.wav"], QualityWarnings(build.Log));
    }

    [Fact]
    public void Levels_that_differ_by_more_than_the_spread_warn_once_for_the_project()
    {
        // −22 and −30 dBov: each within ±6 dB of the target, 8 dB apart.
        WritePromptPair(-22, -30);

        var build = Build("<IvrNormalizeVolume>false</IvrNormalizeVolume>");

        AssertSucceeded(build);
        var spread = Assert.Single(build.Log.Warnings, w => w.Code.StartsWith("IVR16", StringComparison.Ordinal));
        Assert.Equal("IVR1607", spread.Code);
        Assert.Contains("first.wav", spread.Message, StringComparison.Ordinal);
        Assert.Contains("second.wav", spread.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<IvrMaxLevelSpread>10</IvrMaxLevelSpread>")]
    [InlineData("")] // normalizeVolume on: the engine brings both to one level
    public void Levels_within_the_spread_or_normalised_do_not_warn(string properties)
    {
        WritePromptPair(-22, -30);

        var build = Build(properties.Length == 0 ? "" : "<IvrNormalizeVolume>false</IvrNormalizeVolume>" + properties);

        AssertSucceeded(build);
        Assert.Empty(QualityWarnings(build.Log));
    }

    [Fact]
    public void A_clean_build_is_not_checked_again_by_a_no_op_build_and_a_warned_one_is()
    {
        WritePrompts("good");
        var clean = Build();
        AssertSucceeded(clean);
        Assert.Contains(clean.Log.HighImportanceMessages, m => m.Contains("1 checked for quality", StringComparison.Ordinal));

        var noOp = Build();
        Assert.DoesNotContain("CompileIvrPrompts", noOp.Log.TasksRun);
        Assert.DoesNotContain(noOp.Log.HighImportanceMessages, m => m.Contains("checked for quality", StringComparison.Ordinal));

        // A tightened limit is part of the settings hash: the next build checks again, and warns.
        var tightened = Build("<IvrMaxPromptSeconds>0.5</IvrMaxPromptSeconds>");
        Assert.Equal(["IVR1606 good.wav"], QualityWarnings(tightened.Log));
        var again = Build("<IvrMaxPromptSeconds>0.5</IvrMaxPromptSeconds>");
        Assert.Equal(["IVR1606 good.wav"], QualityWarnings(again.Log));
    }

    [Fact]
    public void A_bad_quality_property_fails_the_build_with_its_code_before_anything_is_decoded()
    {
        WritePrompts("good");

        var build = Build("<IvrTargetSpeechLevel>loud</IvrTargetSpeechLevel>");

        Assert.Equal(BuildResultCode.Failure, build.Result.OverallResult);
        var error = Assert.Single(build.Log.Errors);
        Assert.Equal("IVR2070", error.Code);
        Assert.Contains("IvrTargetSpeechLevel", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(build.Log.HighImportanceMessages, m => m.Contains("checked for quality", StringComparison.Ordinal));
    }

    [Fact]
    public void The_target_level_property_reaches_the_engine()
    {
        WritePrompts("good");

        var build = Build("<IvrTargetSpeechLevel>-20</IvrTargetSpeechLevel>");

        AssertSucceeded(build);
        var wav = File.ReadAllBytes(_project.Combine("obj", "ivr", "prompts", "good.wav"));
        // The compiled WAV's data chunk, decoded by NAudio's G.711 (ulaw is the default encoding).
        var data = wav.AsSpan(DataOffset(wav));
        var played = G711Reference.DecodeToFloats(data, formatTag: 7);
        Assert.InRange(SpeechVoltmeter.Measure(played, Rate).ActiveSpeechLevelDbov!.Value, -20.5, -19.5);
    }

    private static int DataOffset(byte[] wav)
    {
        for (var at = 12; at + 8 <= wav.Length; at += 8 + BitConverter.ToInt32(wav, at + 4))
        {
            if (wav[at] == 'd' && wav[at + 1] == 'a' && wav[at + 2] == 't' && wav[at + 3] == 'a')
            {
                return at + 8;
            }
        }
        throw new InvalidDataException("the compiled prompt has no data chunk");
    }
}
