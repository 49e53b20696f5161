using System.Net.Http.Json;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Emulator;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// IvrPlatform=GenesysCloud with the packed package against the emulator's Architect surface: a first sync of two
/// languages, a no-op rebuild, a fresh clone, one changed file, a file the platform cannot transcode, a wrong secret.
/// Request counts come from the emulator itself, so they are what the org would have seen.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class GenesysPackageBuildTests : IAsyncLifetime
{
    private const string Token = "POST /oauth/token";
    private const string List = "GET /api/v2/architect/prompts";
    private const string CreatePrompt = "POST /api/v2/architect/prompts";
    private const string CreateResource = "POST /api/v2/architect/prompts/{promptId}/resources";
    // The resource's uploadUri, which the emulator returns as the platform does (the preview route is the fallback).
    private const string Upload = "POST /uploads/v2/ivr";

    private readonly PackedPackageFixture _package;
    private readonly TempDirectory _temp = new();
    private RunningEmulator _emulator = null!;
    private string _project = "";

    public GenesysPackageBuildTests(PackedPackageFixture package) => _package = package;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(EmulatorSettings.LoadDefaults());
        // The platform's awkward parts stay on (index lag, read-after-write 404s, transcode delay), at a test's pace.
        await ConfigureOrgAsync(new Dictionary<string, object?>
        {
            ["indexLagMilliseconds"] = 300,
            ["readAfterWriteNotFoundMilliseconds"] = 200,
            ["transcodeDelayMilliseconds"] = 200,
            ["transcodeFailsFor"] = "^Broken",
        });
        _project = WriteProject(_temp.Combine("genesys-project"));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Sync_is_incremental_and_failures_land_on_their_files()
    {
        // First sync: 2 prompts x 2 languages; goodbye is a 22.05 kHz WAV the build converts to 16 kHz before upload, and
        // every tone is far louder than the -26 dBov target, so with IvrNormalizeVolume (the default) all five are levelled.
        var (first, created) = await BuildCountingAsync();
        Assert.True(first.Succeeded, first.Output);
        Assert.Equal(3, created.GetValueOrDefault(CreatePrompt));
        Assert.Equal(5, created.GetValueOrDefault(CreateResource));
        Assert.Equal(5, created.GetValueOrDefault(Upload));
        Assert.Contains("5 converted to 16-bit PCM mono WAV", first.Output);
        Assert.Contains("IVR prompts: 5 synced with Genesys Cloud", first.Output);

        // Nothing changed: the targets skip the task, so the org sees no request at all.
        var (second, noChange) = await BuildCountingAsync();
        Assert.True(second.Succeeded, second.Output);
        Assert.Empty(noChange);

        // A fresh clone (empty obj/): one token, the listing, nothing written (the tags carry the hashes).
        Directory.Delete(Path.Combine(_project, "obj"), recursive: true);
        var (clone, cloneRequests) = await BuildCountingAsync();
        Assert.True(clone.Succeeded, clone.Output);
        Assert.Equal(new[] { List, Token }, cloneRequests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, cloneRequests[Token]);

        // One changed file: exactly one upload, and no other resource is touched.
        TestAudio.WriteTone(Path.Combine(_project, "prompts", "es-US", "welcome.wav"), 700);
        var (changed, changedRequests) = await BuildCountingAsync();
        Assert.True(changed.Succeeded, changed.Output);
        Assert.Equal(1, changedRequests.GetValueOrDefault(Upload));
        Assert.False(changedRequests.ContainsKey(CreateResource));

        // Downloads on: nothing is uploaded again, and each language's transcoded audio lands in its own output folder.
        var (download, downloadRequests) = await BuildCountingAsync("-p:IvrGenesysDownloadPrompts=true");
        Assert.True(download.Succeeded, download.Output);
        Assert.False(downloadRequests.ContainsKey(Upload));
        var output = Path.Combine(_project, "bin", "Debug", "net8.0", "prompts");
        Assert.True(File.Exists(Path.Combine(output, "en-us", "welcome.wav")), download.Output);
        Assert.True(File.Exists(Path.Combine(output, "es-us", "welcome.wav")), download.Output);

        // A file the platform cannot transcode: the build fails on that file, with the platform's state.
        var broken = TestAudio.WriteTone(Path.Combine(_project, "prompts", "en-US", "Broken.wav"), 900);
        var failed = await BuildAsync(Environment());
        Assert.False(failed.Succeeded, failed.Output);
        Assert.Contains(failed.Output.Split('\n'), line => line.Contains(broken, StringComparison.Ordinal) && line.Contains("error IVR6015"));

        // A wrong secret: a clear authentication error naming the client, never the secret.
        var wrongSecret = await BuildAsync(Environment(secret: "not-the-secret"));
        Assert.False(wrongSecret.Succeeded, wrongSecret.Output);
        Assert.Contains("error IVR6004", wrongSecret.Output);
        Assert.Contains(_emulator.ClientId, wrongSecret.Output);
        Assert.DoesNotContain("not-the-secret", wrongSecret.Output);
    }

    private async Task<(DotnetCli.Result Result, Dictionary<string, int> Requests)> BuildCountingAsync(params string[] extra)
    {
        var before = _emulator.RequestCounts;
        var result = await BuildAsync(Environment(), extra);
        var requests = _emulator.RequestCounts
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count);
        return (result, requests);
    }

    private Dictionary<string, string> Environment(string? secret = null) => new()
    {
        ["NUGET_PACKAGES"] = _package.PackagesFolder,
        ["GENESYS_BASE_URL"] = _emulator.BaseAddress.ToString(),
        ["GENESYS_CLIENT_ID"] = _emulator.ClientId,
        ["GENESYS_CLIENT_SECRET"] = secret ?? _emulator.ClientSecret,
    };

    private Task<DotnetCli.Result> BuildAsync(IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        DotnetCli.RunAsync(_project, environment, ["build", "-nodeReuse:false", "--nologo", "-v:n", .. extra]);

    private async Task ConfigureOrgAsync(Dictionary<string, object?> settings)
    {
        using var admin = new HttpClient { BaseAddress = _emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await admin.PutAsJsonAsync("emulator/architect/settings", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A Genesys Cloud project as a user writes it (docs/genesys-cloud.md), consuming the packed package.</summary>
    private string WriteProject(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "genesys-project.csproj"), $"""
            <Project Sdk="Microsoft.Build.NoTargets/3.7.0">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <IvrPlatform>GenesysCloud</IvrPlatform>
                <IvrCompileTimeout>60</IvrCompileTimeout>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MediaCompiler.Build" Version="{_package.PackageVersion}" PrivateAssets="all" />
                <IvrPrompt Include="prompts/**/*.wav" />
                <IvrPrompt Update="prompts/en-US/welcome.wav" Text="Welcome" TtsText="Welcome to the line." />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        TestAudio.WriteTone(Path.Combine(folder, "prompts", "en-US", "welcome.wav"), 440);
        TestAudio.WriteTone(Path.Combine(folder, "prompts", "en-US", "main_menu.wav"), 460, sampleRate: 16000);
        TestAudio.WriteTone(Path.Combine(folder, "prompts", "en-US", "goodbye.wav"), 480, sampleRate: 22050);
        TestAudio.WriteTone(Path.Combine(folder, "prompts", "es-US", "welcome.wav"), 450);
        TestAudio.WriteTone(Path.Combine(folder, "prompts", "es-US", "main_menu.wav"), 470);
        // The sidecar is es-US main_menu's TtsText.
        File.WriteAllText(Path.Combine(folder, "prompts", "es-US", "main_menu.txt"), "Para facturación, pulse uno.");
        return folder;
    }
}
