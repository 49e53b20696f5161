using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;

namespace MediaCompiler.Genesys.Tests;

/// <summary>IvrPlatform=GenesysCloud settings and the Architect item conventions, as the MSBuild task hands them over.</summary>
public sealed class GenesysBuildSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("genesys-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["GENESYS_CLIENT_ID"] = "client",
        ["GENESYS_CLIENT_SECRET"] = "secret",
    };

    private static readonly RawBuildSettings Genesys = new() { Platform = "GenesysCloud", CacheDirectory = "/tmp/obj/ivr" };

    private static readonly RawGenesysSettings Ireland = new() { GenesysRegion = "mypurecloud.ie" };

    private RawPrompt Prompt(string itemSpec) => new(Path.Combine(_folder, itemSpec), itemSpec, null, null, null);

    private static SettingsParser.Result Parse(RawBuildSettings raw, params RawPrompt[] prompts) => Parse(raw, Ireland, prompts);

    private static SettingsParser.Result Parse(RawBuildSettings raw, RawGenesysSettings genesys, params RawPrompt[] prompts) =>
        Parse(raw, genesys, name => Credentials.GetValueOrDefault(name), prompts);

    private static SettingsParser.Result Parse(RawBuildSettings raw, RawGenesysSettings genesys, Func<string, string?> environment, params RawPrompt[] prompts) =>
        SettingsParser.Parse(raw, prompts, environment, new GenesysSettingsParser(genesys));

    private static GenesysBuildSettings GenesysOf(SettingsParser.Result result) => Assert.IsType<GenesysBuildSettings>(result.Settings!.PlatformSettings);

    [Fact]
    public void Language_comes_from_the_nearest_language_folder_else_the_default()
    {
        var result = Parse(Genesys,
            Prompt("prompts/en-US/welcome.wav"), Prompt("prompts/es-US/welcome.wav"), Prompt("prompts/de/menus/main_menu.wav"), Prompt("prompts/hold.wav"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["en-us", "es-us", "de", "en-us"], result.Prompts.Select(p => p.Language));
        // Same name, two languages: one prompt with two resources, not a NodeId clash.
        Assert.Equal(["welcome.en-us", "welcome.es-us", "main_menu.de", "hold.en-us"], result.Prompts.Select(p => p.NodeId));
        Assert.Equal(MediaCompiler.Audio.Rules.TargetPlatform.Genesys, result.Settings!.Platform);
        Assert.Equal("client", GenesysOf(result).ClientId);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData(" Sales ", "Sales")]
    [InlineData("5a1e5000-0000-4000-8000-000000000042", "5a1e5000-0000-4000-8000-000000000042")]
    public void IvrGenesysDivision_is_passed_on_trimmed_and_empty_means_the_default(string? given, string? expected)
    {
        var result = Parse(Genesys, Ireland with { GenesysDivision = given }, Prompt("a.wav"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(expected, GenesysOf(result).Division);
    }

    [Fact]
    public void Metadata_wins_and_the_default_language_is_settable()
    {
        var result = Parse(Genesys, Ireland with { DefaultLanguage = "FR-CA" },
            Prompt("prompts/en-US/a.wav") with { Language = "ES-us", PromptName = "Main_Menu", Text = "Menu", Description = "Top menu" },
            Prompt("b.wav"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(("es-us", "Main_Menu", "Menu", "Top menu"), (result.Prompts[0].Language, result.Prompts[0].PromptName, result.Prompts[0].Text, result.Prompts[0].Description));
        Assert.Equal("fr-ca", result.Prompts[1].Language);
    }

    [Fact]
    public void The_sidecar_text_file_is_the_default_tts_text()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "en-US"));
        File.WriteAllText(Path.Combine(_folder, "en-US", "menu.txt"), "For billing press one.\n");

        var result = Parse(Genesys, Prompt("en-US/menu.wav"), Prompt("en-US/other.wav") with { TtsText = "Given" });

        Assert.Equal("For billing press one.", result.Prompts[0].TtsText);
        Assert.Equal("Given", result.Prompts[1].TtsText);
    }

    [Fact]
    public void Bad_names_languages_and_duplicates_are_coded_errors_on_their_files()
    {
        var result = Parse(Genesys,
            Prompt("prompts/main-menu.wav"),
            Prompt("prompts/x.wav") with { Language = "english" },
            Prompt("prompts/en-US/Hold.wav"),
            Prompt("prompts/en-US/more/hold.wav"));

        Assert.False(result.Succeeded);
        var name = Assert.Single(result.Diagnostics, d => d.Code == "IVR6023");
        Assert.Contains("PromptName=\"main_menu\"", name.Message);
        Assert.EndsWith("main-menu.wav", name.File);
        Assert.Contains(result.Diagnostics, d => d.Code == "IVR6052" && d.Message.Contains("english"));
        var duplicate = Assert.Single(result.Diagnostics, d => d.Code == "IVR6024");
        Assert.EndsWith("more/hold.wav", duplicate.File);
    }

    // Codes from Architect's language list (the Terraform provider validates a prompt resource's language against it,
    // util/architectlanguages): scripts, three-digit regions and three-letter languages included.
    [Theory]
    [InlineData("zh-Hans-CN", "zh-hans-cn")]
    [InlineData("sr-latn-rs", "sr-latn-rs")]
    [InlineData("es-419", "es-419")]
    [InlineData("ha-latn", "ha-latn")]
    [InlineData("tzm-latn-ma", "tzm-latn-ma")]
    [InlineData("en-029", "en-029")]
    [InlineData("haw-us", "haw-us")]
    public void Architect_language_codes_are_accepted_as_metadata_and_as_folders(string code, string expected)
    {
        var result = Parse(Genesys, Ireland with { DefaultLanguage = code },
            Prompt("a.wav") with { Language = code },
            Prompt($"prompts/{code}/b.wav"),
            Prompt("c.wav"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.All(result.Prompts, p => Assert.Equal(expected, p.Language));
    }

    [Theory]
    [InlineData("prompts/ivr/a.wav")]
    [InlineData("prompts/en-old/a.wav")]
    [InlineData("prompts/english/a.wav")]
    public void Folders_that_are_not_spelled_like_a_language_are_not_one(string path)
    {
        var result = Parse(Genesys, Ireland with { DefaultLanguage = "de" }, Prompt(path));

        Assert.Equal("de", Assert.Single(result.Prompts).Language);
    }

    [Theory]
    [InlineData("en_us")]
    [InlineData("en-us-x")]
    [InlineData("zh-hans-c")]
    [InlineData("e")]
    public void Misspelled_codes_are_IVR6052(string code)
    {
        var result = Parse(Genesys, Ireland, Prompt("a.wav") with { Language = code });

        Assert.Contains(result.Diagnostics, d => d.Code == "IVR6052" && d.Message.Contains(code));
    }

    [Theory]
    [InlineData("Genesys", "many", "IVR6051")]
    [InlineData("Azure", null, "IVR6050")]
    public void Bad_settings_are_coded_errors(string platform, string? budget, string code)
    {
        var result = Parse(Genesys with { Platform = platform }, Ireland with { GenesysRequestsPerMinute = budget });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Credentials_are_required_except_for_validation_only_and_no_flow_id_is()
    {
        var missing = Parse(Genesys, Ireland, _ => null);
        Assert.Contains(missing.Diagnostics, d => d.Code == "IVR6003");
        Assert.DoesNotContain(missing.Diagnostics, d => d.Code == "IVR2002");

        var validateOnly = Parse(Genesys with { ValidateOnly = "true" }, Ireland, _ => null);
        Assert.True(validateOnly.Succeeded, string.Join("\n", validateOnly.Diagnostics));
    }

    [Fact]
    public void The_base_url_comes_from_the_property_or_the_environment_and_downloads_are_opt_in()
    {
        var fromEnvironment = Parse(Genesys, new RawGenesysSettings(), name => name == "GENESYS_BASE_URL" ? "http://127.0.0.1:5080/" : Credentials.GetValueOrDefault(name));
        Assert.Equal("http://127.0.0.1:5080/", GenesysOf(fromEnvironment).BaseUrl);
        Assert.Null(fromEnvironment.Settings!.CompiledPromptsDirectory);
        Assert.True(fromEnvironment.Settings.Engine.IsInProcess);

        var downloading = Parse(Genesys with { EngineUrl = "http://127.0.0.1:9/", CompiledPromptsDirectory = "/tmp/out" }, Ireland with { GenesysDownloadPrompts = "true" });
        Assert.Equal("http://127.0.0.1:9/", GenesysOf(downloading).BaseUrl);
        Assert.Equal("/tmp/out", downloading.Settings!.CompiledPromptsDirectory);
    }
}
