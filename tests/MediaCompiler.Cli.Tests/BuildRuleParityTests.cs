namespace MediaCompiler.Cli.Tests;

/// <summary>validate applies the checks the build applies: the NodeId from the file name, silence, the platform.</summary>
public sealed class BuildRuleParityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("main menu.wav")]
    [InlineData("-intro.wav")]
    [InlineData("ménu.wav")]
    public void A_file_name_that_is_not_a_valid_node_id_fails_with_the_builds_code(string name)
    {
        var path = _temp.Wav(name);

        var run = CliRun.Of("validate", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR2021: ", run.Output);
    }

    [Fact]
    public void A_silent_prompt_fails_with_the_engines_code()
    {
        var path = _temp.Bytes("silence.wav", File.ReadAllBytes(_temp.Wav("seed.wav"))[..44].Concat(new byte[8000]).ToArray());

        var run = CliRun.Of("validate", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR3005: ", run.Output);
    }

    /// <summary>
    /// A rule's fix (here: resample) cannot give a silent prompt sound, so validate names the silence too, as fix then
    /// refuses it (IVR1204): the rate's proposed command alone would send the user to a fix that fails.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_silent_prompt_that_also_fails_a_header_rule_is_called_silent_too(bool noQuality)
    {
        var path = _temp.Wav("silent-cd-rate.wav", sampleRate: 44100, amplitude: 0);
        string[] options = noQuality ? ["--no-quality"] : [];

        var run = CliRun.Of(["validate", path, .. options]);
        var fix = CliRun.Of("fix", path, "--out", _temp.PathOf("fixed"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR1103: ", run.Output);
        Assert.Contains($"{path}(1,1): error IVR3005: ", run.Output);
        Assert.Equal(1, fix.ExitCode);
        Assert.Contains("error IVR1204: ", fix.Output);
    }

    [Fact]
    public void A_prompt_with_sound_that_fails_a_header_rule_gets_that_rule_only()
    {
        var path = _temp.Wav("cd-rate.wav", sampleRate: 44100);

        var run = CliRun.Of("validate", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR1103: ", run.Output);
        Assert.DoesNotContain("IVR3005", run.Output);
        Assert.Equal(0, CliRun.Of("fix", path, "--out", _temp.PathOf("fixed")).ExitCode);
    }

    [Fact]
    public void Genesys_names_allow_letters_digits_and_underscores_starting_with_a_letter()
    {
        var good = _temp.Wav("Main_Menu_2.wav");
        var dashed = _temp.Wav("main-menu.wav");

        Assert.Equal(0, CliRun.Of("validate", "--platform", "genesys", good).ExitCode);
        var run = CliRun.Of("validate", "--platform", "genesys", dashed);

        Assert.Equal(1, run.ExitCode);
        // The build's own rule and code for an Architect prompt name (IVR6023), with its proposed name.
        Assert.Contains($"{dashed}(1,1): error IVR6023: ", run.Output);
        Assert.Contains("'main_menu.wav'", run.Output);
        // The media API takes the same name: the rule is the platform's.
        Assert.Equal(0, CliRun.Of("validate", dashed).ExitCode);
    }

    [Fact]
    public void Genesys_accepts_what_the_build_converts_and_up_to_25_mb_instead_of_2_mib()
    {
        var mp3 = Path.Combine(Repository.Root, "tests", "fixtures", "audio", "cbr64_16k_mono.mp3");
        var big = _temp.Wav("long_prompt.wav", sampleRate: 16000, seconds: 70); // 2.2 MB
        var hifi = _temp.Wav("hifi_prompt.wav", sampleRate: 44100, channels: 2, seconds: 2, amplitude: 0.1);

        // The Genesys build converts MP3 and 44.1 kHz stereo locally before upload: not a problem on that platform.
        Assert.Equal(0, CliRun.Of("validate", "--platform", "genesys", mp3).ExitCode);
        Assert.Equal(0, CliRun.Of("validate", "--platform", "genesys", hifi).ExitCode);
        Assert.Contains("IVR1103", CliRun.Of("validate", hifi).Output);
        Assert.Contains("IVR1102", CliRun.Of("validate", big).Output);
        Assert.Equal(0, CliRun.Of("validate", "--platform", "genesys", big).ExitCode);
    }

    [Fact]
    public void An_unknown_platform_is_a_usage_error()
    {
        Assert.Equal(2, CliRun.Of("validate", "--platform", "twilio", _temp.Wav("a.wav")).ExitCode);
    }
}
