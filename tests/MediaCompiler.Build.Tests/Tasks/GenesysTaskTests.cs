using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using Microsoft.Build.Utilities;

namespace MediaCompiler.Build.Tests.Tasks;

/// <summary>The task's choice of platform: IvrPlatform=GenesysCloud is checked before anything is opened.</summary>
public sealed class GenesysTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingBuildEngine _buildEngine = new();
    private int _platformsOpened;

    public void Dispose() => _temp.Dispose();

    private CompileIvrPrompts Task(string region) => new()
    {
        BuildEngine = _buildEngine,
        Prompts = [new TaskItem(TestAudio.WriteTone(_temp.Combine("prompts", "en-US", "welcome.wav")))],
        Platform = "GenesysCloud",
        GenesysRegion = region,
        CacheDirectory = _temp.Combine("obj"),
        ReadEnvironment = name => name switch { "GENESYS_CLIENT_ID" => "client", "GENESYS_CLIENT_SECRET" => "secret", _ => null },
        ConnectGenesys = _ =>
        {
            _platformsOpened++;
            throw new InvalidOperationException("the platform must not be opened");
        },
    };

    [Fact]
    public void An_unknown_region_is_IVR6001_and_no_platform_is_opened()
    {
        Assert.False(Task("nowhere.example").Execute());

        var error = Assert.Single(_buildEngine.Errors);
        Assert.Equal("IVR6001", error.Code);
        Assert.Contains("mypurecloud.ie", error.Message);
        Assert.Equal(0, _platformsOpened);
    }

    [Fact]
    public void A_validation_only_build_needs_no_region_credentials_or_flow_and_opens_nothing()
    {
        var task = Task("");
        task.ValidateOnly = "true";
        task.ReadEnvironment = _ => null;

        Assert.True(task.Execute(), string.Join("\n", _buildEngine.Errors.Select(e => e.Message)));
        Assert.Equal(0, _platformsOpened);
    }

    [Fact]
    public void The_GenesysDivision_parameter_reaches_the_platform_settings()
    {
        GenesysBuildSettings? opened = null;
        var task = Task("mypurecloud.ie");
        task.GenesysDivision = " Sales ";
        task.ConnectGenesys = settings =>
        {
            opened = settings;
            throw new InvalidOperationException("only the settings are looked at");
        };

        task.Execute();

        Assert.Equal("Sales", opened?.Division);
    }

    [Fact]
    public void A_known_region_opens_the_Genesys_platform_after_validation()
    {
        // The stand-in throws: the task reports that as its own bug (IVR9001), which proves the platform was chosen.
        Assert.False(Task("mypurecloud.ie").Execute());

        Assert.Equal(1, _platformsOpened);
        Assert.Equal("IVR9001", Assert.Single(_buildEngine.Errors).Code);
        Assert.Equal(MediaCompiler.Audio.Rules.TargetPlatform.Genesys, SettingsParser.Parse(new RawBuildSettings { Platform = "genesyscloud", ValidateOnly = "true" }, [], _ => null, new MediaCompiler.Pipeline.Genesys.GenesysSettingsParser(new())).Settings!.Platform);
    }
}
