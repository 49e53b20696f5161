using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

public sealed class SettingsParserTests
{
    private static readonly RawBuildSettings Valid = new() { FlowId = "main-menu-flow" };

    private static SettingsParser.Result Parse(RawBuildSettings settings, IReadOnlyList<RawPrompt>? prompts = null,
        Dictionary<string, string>? environment = null) =>
        SettingsParser.Parse(settings, prompts ?? [], name => environment?.GetValueOrDefault(name));

    private static RawPrompt Prompt(string path, string? nodeId = null, string? priority = null, string? fallback = null) =>
        new(Path.GetFullPath(path), path, nodeId, priority, fallback);

    [Fact]
    public void Blank_settings_take_the_BuildDefaults_values()
    {
        var result = Parse(Valid, [Prompt("prompts/welcome.wav")]);

        var settings = Assert.IsType<PipelineSettings>(result.Settings);
        Assert.Equal(BuildDefaults.Encoding, settings.Encoding);
        Assert.Equal(BuildDefaults.CompileTimeout, settings.CompileTimeout);
        Assert.Equal(BuildDefaults.MaxParallelUploads, settings.MaxParallelUploads);
        Assert.True(settings.Options.EnableOptimization && settings.Options.StripMetadata && settings.Options.NormalizeVolume);
        Assert.Equal(1, settings.Options.MaxChannels);
        Assert.True(settings.Engine.IsInProcess);
        var prompt = Assert.Single(result.Prompts);
        Assert.Equal(("welcome", BuildDefaults.Priority, BuildDefaults.FallbackEncoding), (prompt.NodeId, prompt.Priority, prompt.FallbackEncoding));
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("g729")]
    public void Unknown_encoding_is_IVR2001(string encoding) =>
        AssertSingleError(Parse(Valid with { Encoding = encoding }), "IVR2001", encoding);

    [Fact]
    public void Empty_flow_id_is_IVR2002_unless_validating_only()
    {
        AssertSingleError(Parse(new RawBuildSettings { FlowId = " " }), "IVR2002");
        Assert.True(Parse(new RawBuildSettings { ValidateOnly = "true" }).Succeeded);
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("00:00:00")]
    [InlineData("86401")]
    [InlineData("5000000")]
    [InlineData("60.00:00:00")]
    public void Bad_compile_timeout_is_IVR2003(string timeout) =>
        AssertSingleError(Parse(Valid with { CompileTimeout = timeout }), "IVR2003", timeout);

    [Theory]
    [InlineData("90", 90)]
    [InlineData("2.5", 2.5)]
    [InlineData("00:10:00", 600)]
    [InlineData("01:00:00", 3600)]
    [InlineData("86400", 86400)]
    public void Compile_timeout_takes_seconds_or_a_time_span(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(Valid with { CompileTimeout = text }).Settings!.CompileTimeout);

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("65")]
    public void Bad_parallelism_is_IVR2004(string value) =>
        AssertSingleError(Parse(Valid with { MaxParallelUploads = value }), "IVR2004", value);

    [Fact]
    public void Non_boolean_switch_is_IVR2005_naming_the_property() =>
        AssertSingleError(Parse(Valid with { StripMetadata = "yes" }), "IVR2005", "IvrStripMetadata");

    [Fact]
    public void Stereo_is_IVR2006() => AssertSingleError(Parse(Valid with { MaxChannels = "2" }), "IVR2006");

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://media.example.com")]
    [InlineData("/relative/path")]
    [InlineData("http://api.mypurecloud.com")]   // the secret would travel in clear text
    [InlineData("http://10.0.0.5:5080")]
    public void Malformed_engine_url_is_IVR2007(string url) =>
        AssertSingleError(Parse(Valid with { EngineUrl = url }), "IVR2007");

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://media.example.com")]
    public void Https_or_loopback_http_engine_url_is_accepted(string url)
    {
        var result = Parse(Valid with { EngineUrl = url }, environment: new()
        {
            ["GENESYS_CLIENT_ID"] = "id",
            ["GENESYS_CLIENT_SECRET"] = "secret",
        });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Engine_url_with_user_info_is_refused_without_echoing_it()
    {
        var result = Parse(Valid with { EngineUrl = "https://id:s3cret@media.example.com" });
        var error = AssertSingleError(result, "IVR2007");
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public void Url_without_credentials_is_IVR2008_naming_the_missing_variables()
    {
        var error = AssertSingleError(Parse(Valid with { EngineUrl = "https://media.example.com" },
            environment: new() { ["GENESYS_CLIENT_ID"] = "build" }), "IVR2008");
        Assert.Contains("variable(s) GENESYS_CLIENT_SECRET are not set", error.Message);
    }

    [Fact]
    public void Property_url_wins_over_the_environment_url()
    {
        var result = Parse(Valid with { EngineUrl = "https://from-property.example.com" }, environment: new()
        {
            ["GENESYS_BASE_URL"] = "https://from-environment.example.com",
            ["GENESYS_CLIENT_ID"] = "id",
            ["GENESYS_CLIENT_SECRET"] = "secret",
        });
        Assert.Equal("from-property.example.com", result.Settings!.Engine.Url!.Host);
        Assert.DoesNotContain("secret", result.Settings.Engine.ToString());
    }

    [Fact]
    public void Environment_url_is_used_when_the_property_is_empty()
    {
        var result = Parse(Valid, environment: new()
        {
            ["GENESYS_BASE_URL"] = "http://127.0.0.1:5080",
            ["GENESYS_CLIENT_ID"] = "id",
            ["GENESYS_CLIENT_SECRET"] = "secret",
        });
        Assert.Equal(5080, result.Settings!.Engine.Url!.Port);
    }

    [Fact]
    public void Bad_webhook_is_IVR2009() => AssertSingleError(Parse(Valid with { WebhookUrl = "hooks" }), "IVR2009");

    [Fact]
    public void Duplicate_node_id_is_IVR2020_on_the_second_file()
    {
        var result = Parse(Valid, [Prompt("a/welcome.wav"), Prompt("b/welcome.mp3")]);
        var error = AssertSingleError(result, "IVR2020", "welcome");
        Assert.Equal(Path.GetFullPath("b/welcome.mp3"), error.File);
    }

    [Fact]
    public void Node_id_metadata_resolves_a_duplicate() =>
        Assert.True(Parse(Valid, [Prompt("a/welcome.wav"), Prompt("b/welcome.mp3", nodeId: "welcome-b")]).Succeeded);

    [Fact]
    public void Invalid_node_id_is_IVR2021() =>
        AssertSingleError(Parse(Valid, [Prompt("p.wav", nodeId: "has spaces")]), "IVR2021", "has spaces");

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("high")]
    public void Bad_priority_is_IVR2022_on_the_file(string priority)
    {
        var error = AssertSingleError(Parse(Valid, [Prompt("p.wav", priority: priority)]), "IVR2022", priority);
        Assert.Equal(Path.GetFullPath("p.wav"), error.File);
    }

    [Fact]
    public void Bad_fallback_encoding_is_IVR2023() =>
        AssertSingleError(Parse(Valid, [Prompt("p.wav", fallback: "opus")]), "IVR2023", "opus");

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Parse(new RawBuildSettings { Encoding = "x", CompileTimeout = "y", MaxParallelUploads = "z" },
            [Prompt("p.wav", priority: "0")]);
        Assert.Null(result.Settings);
        Assert.Equal(["IVR2001", "IVR2002", "IVR2003", "IVR2004", "IVR2022"], result.Diagnostics.Select(d => d.Code).Order());
    }

    private static MediaCompiler.Diagnostics.Diagnostic AssertSingleError(SettingsParser.Result result, string code, string? mentioned = null)
    {
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(code, error.Code);
        Assert.True(error.IsError);
        if (mentioned is not null)
        {
            Assert.Contains(mentioned, error.Message);
        }
        return error;
    }
}
