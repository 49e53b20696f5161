using System.Buffers.Binary;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Emulator;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Engine;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// The sample as a user has it: a NoTargets project consuming the packed nupkg, built with `dotnet build` in a child
/// process, against the emulator on loopback (or the embedded engine). The emulator's request counts prove what went
/// over the wire.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackagedSampleBuildTests : IAsyncLifetime
{
    private const string UploadRoute = "POST /api/v2/media/assets";
    private const string CompileRoute = "POST /api/v2/media/compile";
    private static readonly string[] SampleNodeIds = ["welcome", "main-menu", "transfer", "please-hold", "goodbye"];

    private readonly PackedPackageFixture _package;
    private readonly TempDirectory _temp = new();
    private RunningEmulator _emulator = null!;
    private string _sample = "";

    public PackagedSampleBuildTests(PackedPackageFixture package) => _package = package;

    public async Task InitializeAsync()
    {
        var settings = EmulatorSettings.LoadDefaults();
        _emulator = await EmulatorHost.StartAsync(settings);
        _sample = _package.CopySample(_temp.Combine("sample"));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _temp.Dispose();
    }

    private string OutputPrompt(string nodeId, string? sample = null) =>
        Path.Combine(sample ?? _sample, "bin", "Debug", "net8.0", "prompts", nodeId + ".wav");

    private Dictionary<string, string> RemoteEnvironment(string? secret = null) => new()
    {
        ["NUGET_PACKAGES"] = _package.PackagesFolder,
        ["GENESYS_BASE_URL"] = _emulator.BaseAddress.ToString(),
        ["GENESYS_CLIENT_ID"] = _emulator.ClientId,
        ["GENESYS_CLIENT_SECRET"] = secret ?? _emulator.ClientSecret,
    };

    private Task<DotnetCli.Result> BuildAsync(IReadOnlyDictionary<string, string> environment, string? sample = null, params string[] extra) =>
        DotnetCli.RunAsync(sample ?? _sample, environment, ["build", "-nodeReuse:false", "--nologo", .. extra]);

    private int Count(string route) => _emulator.RequestCounts.GetValueOrDefault(route);

    private static void AssertSucceeded(DotnetCli.Result result) => Assert.True(result.Succeeded, result.Output);

    /// <summary>Asserts an MSBuild error line (canonical format) with this code on this file.</summary>
    private static void AssertErrorOn(DotnetCli.Result result, string file, string codePrefix)
    {
        Assert.False(result.Succeeded, result.Output);
        Assert.Contains(result.Output.Split('\n'), line => line.StartsWith(file, StringComparison.Ordinal) && line.Contains($": error {codePrefix}"));
    }

    [Fact]
    public async Task Remote_build_uploads_once_then_does_nothing_then_uploads_only_the_changed_prompt()
    {
        var first = await BuildAsync(RemoteEnvironment());
        AssertSucceeded(first);
        Assert.Equal(5, Count(UploadRoute));
        Assert.Equal(1, Count(CompileRoute));
        Assert.All(SampleNodeIds, id => Assert.True(File.Exists(OutputPrompt(id)), id));
        Assert.Contains("5 compiled for flow 'main-menu-flow'", first.Output);

        var countsAfterFirst = _emulator.RequestCounts;
        AssertSucceeded(await BuildAsync(RemoteEnvironment()));
        AssertSucceeded(await BuildAsync(RemoteEnvironment(), null, "-question"));
        Assert.Equal(countsAfterFirst, _emulator.RequestCounts);
        Assert.All(SampleNodeIds, id => Assert.True(File.Exists(OutputPrompt(id)), id));

        TestAudio.WriteTone(Path.Combine(_sample, "prompts", "welcome.wav"), 523);
        AssertSucceeded(await BuildAsync(RemoteEnvironment()));
        Assert.Equal(6, Count(UploadRoute));
        Assert.Equal(2, Count(CompileRoute));

        // A fresh CI clone: no obj/, no cache. The engine holds every prompt, so nothing is uploaded.
        var clone = _package.CopySample(_temp.Combine("clone"));
        TestAudio.WriteTone(Path.Combine(clone, "prompts", "welcome.wav"), 523);
        AssertSucceeded(await BuildAsync(RemoteEnvironment(), clone));
        Assert.Equal(6, Count(UploadRoute));
        Assert.Equal(3, Count(CompileRoute));
    }

    [Fact]
    public async Task The_shipped_problem_matcher_matches_every_diagnostic_line_of_a_failing_build()
    {
        TestAudio.WriteNotAudio(Path.Combine(_sample, "prompts", "broken.wav"));
        TestAudio.WriteTone(Path.Combine(_sample, "prompts", "hifi.wav"), sampleRate: 44100);
        TestAudio.WriteSilence(Path.Combine(_sample, "prompts", "silence.wav"));

        var result = await BuildAsync(new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesFolder });

        // The matcher as a consumer's CI gets it: from the restored package.
        var matcher = ProblemMatcher(Path.Combine(_package.PackagesFolder, "mediacompiler.build", _package.PackageVersion, "build", "ivr-media-problem-matcher.json"));

        Assert.False(result.Succeeded, result.Output);
        // Found without the matcher: every line that says "error IVR####" or "warning IVR####" (the console logger
        // prints each error twice: where it happens and in the closing summary; both must be annotations).
        var diagnostics = result.Output.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\b(error|warning) IVR\d{4}\b")).ToArray();
        Assert.True(diagnostics.Length >= 2, result.Output);
        foreach (var line in diagnostics)
        {
            var match = matcher.Match(line);
            Assert.True(match.Success, "not matched: " + line);
            Assert.True(File.Exists(match.Groups[1].Value), $"file group '{match.Groups[1].Value}' of: {line}");
            Assert.Matches(@"^IVR\d{4}$", match.Groups[5].Value);
            Assert.DoesNotContain(".csproj]", match.Groups[6].Value, StringComparison.Ordinal);
        }
    }

    private static System.Text.RegularExpressions.Regex ProblemMatcher(string path)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var pattern = json.RootElement.GetProperty("problemMatcher")[0].GetProperty("pattern")[0];
        return new System.Text.RegularExpressions.Regex(pattern.GetProperty("regexp").GetString()!);
    }

    [Fact]
    public async Task Invalid_prompt_fails_on_its_file_and_makes_no_request()
    {
        var broken = TestAudio.WriteNotAudio(Path.Combine(_sample, "prompts", "broken.wav"));

        var result = await BuildAsync(RemoteEnvironment());

        AssertErrorOn(result, broken, "IVR1");
        Assert.Equal(0, _emulator.RequestCounts.Values.Sum());
    }

    [Fact]
    public async Task A_silent_prompt_fails_on_its_file_before_any_request()
    {
        // Silence is judged on the decoded audio before any network work, as ivr-media validate judges it (the engine
        // would refuse it too, with the same IVR3005, after an upload and a compile job).
        var silent = TestAudio.WriteSilence(Path.Combine(_sample, "prompts", "silence.wav"));

        var result = await BuildAsync(RemoteEnvironment());

        AssertErrorOn(result, silent, "IVR3005");
        Assert.Equal(0, _emulator.RequestCounts.Values.Sum());
    }

    [Fact]
    public async Task Transient_503s_still_end_in_a_correct_build()
    {
        _emulator.Faults.Set(new FaultSettings { Seed = 7, ServiceUnavailableRate = 0.3, RetryAfterSeconds = 1 });

        var result = await BuildAsync(RemoteEnvironment());

        AssertSucceeded(result);
        Assert.All(SampleNodeIds, id => Assert.True(File.Exists(OutputPrompt(id)), id));
        // Survived, not spared: the seeded draws did answer some requests with 503s.
        Assert.True(_emulator.Faults.InjectedFaults > 0, "the emulator injected no 503: the test proved nothing");
    }

    [Fact]
    public async Task Rate_limited_429s_still_end_in_a_correct_build()
    {
        // A budget far below what one build needs: the client must wait out Retry-After again and again.
        await _emulator.DisposeAsync();
        var settings = EmulatorSettings.LoadDefaults();
        settings.RateLimit.RequestsPerWindow = 6;
        settings.RateLimit.WindowSeconds = 1;
        _emulator = await EmulatorHost.StartAsync(settings);

        var result = await BuildAsync(RemoteEnvironment());

        AssertSucceeded(result);
        Assert.All(SampleNodeIds, id => Assert.True(File.Exists(OutputPrompt(id)), id));
    }

    [Fact]
    public async Task Job_that_never_ends_hits_the_compile_timeout()
    {
        _emulator.Faults.Set(new FaultSettings { JobFault = JobFault.NeverFinish });

        var result = await BuildAsync(RemoteEnvironment(), null, "-p:IvrCompileTimeout=3");

        Assert.False(result.Succeeded, result.Output);
        Assert.Contains("error IVR2101", result.Output);
        Assert.Contains("IvrCompileTimeout (3 s)", result.Output);
    }

    [Fact]
    public async Task Wrong_secret_is_a_clear_authentication_error()
    {
        var result = await BuildAsync(RemoteEnvironment(secret: "not-the-secret-value"));

        Assert.False(result.Succeeded, result.Output);
        Assert.Contains("error IVR4001", result.Output);
        Assert.DoesNotContain("not-the-secret-value", result.Output);
        Assert.Equal(0, Count(UploadRoute));
    }

    [Fact]
    public async Task Embedded_build_without_a_url_writes_G711_prompts()
    {
        var result = await BuildAsync(new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesFolder });

        AssertSucceeded(result);
        Assert.Equal(0, _emulator.RequestCounts.Values.Sum());
        foreach (var nodeId in SampleNodeIds)
        {
            var header = File.ReadAllBytes(OutputPrompt(nodeId)).AsSpan(0, 36);
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(header[..4]));
            Assert.Equal(7, BinaryPrimitives.ReadInt16LittleEndian(header[20..]));     // WAVE_FORMAT_MULAW (ulaw default)
            Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(header[22..]));     // mono
            Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(header[24..]));  // 8 kHz
        }
    }
}
