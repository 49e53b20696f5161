using System.Xml.Linq;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// <c>ivr-media genesys import</c>'s work against the emulator: an org's prompts come into a fresh folder in the
/// repository layout, and a build of that folder (texts from the written ivr-prompts.props, TTS texts from the
/// sidecars, as the build reads them) creates nothing and uploads nothing. A second import resumes and writes nothing.
/// </summary>
public sealed class ImportTests : IAsyncLifetime
{
    private ArchitectEmulator _org = null!;

    public async Task InitializeAsync() => _org = await ArchitectEmulator.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private PipelineSettings Settings() => new()
    {
        CompileTimeout = TimeSpan.FromSeconds(30),
        AuditLogPath = Path.Combine(_org.Folder, "audit.jsonl"),
        Platform = MediaCompiler.Audio.Rules.TargetPlatform.Genesys,
        PlatformSettings = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, _org.Emulator.ClientSecret,
            300, ConvertAudio: true, CheckFlows: false, DeleteOrphans: false, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys")),
    };

    private async Task<Dictionary<string, int>> BuildAsync(IReadOnlyList<PromptInput> prompts)
    {
        var settings = Settings();
        var log = new GenesysPlatformTests.RecordingLog();
        var (result, requests) = await _org.CountAsync(() => new PromptPipeline(settings, log, _org.Clock)
            .RunOnPlatformAsync(prompts, () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, _org.Handler()), CancellationToken.None));
        Assert.True(result.Succeeded, log.ToString());
        return requests;
    }

    private Task<GenesysImportSummary> ImportAsync(string folder, string? division = null) =>
        GenesysImport.RunAsync(new GenesysImportRequest(_org.Options(), folder, _ => true, QualitySettings.Default, -26, Path.Combine(_org.Folder, "import-work"), division),
            new GenesysPlatformTests.RecordingLog(), null, CancellationToken.None);

    /// <summary>The folder as a project listing <c>&lt;language&gt;/*.wav</c> with the written props imported would give it to the build.</summary>
    private static List<PromptInput> AsTheBuildReadsIt(string folder)
    {
        var texts = XDocument.Load(Path.Combine(folder, GenesysImport.PropsFileName)).Descendants("IvrPrompt")
            .ToDictionary(e => Path.GetFullPath(Path.Combine(folder, MSBuildText.Unescape(((string)e.Attribute("Update")!).Replace("$(MSBuildThisFileDirectory)", "", StringComparison.Ordinal)))),
                e => (Unescaped(e.Attribute("Text")), Unescaped(e.Attribute("Description"))));
        return Directory.GetFiles(folder, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var language = Path.GetFileName(Path.GetDirectoryName(path)!);
            var sidecar = Path.ChangeExtension(path, ".txt");
            var (text, description) = texts[path];
            return new PromptInput(path, name + "." + language, 1, "alaw", path)
            {
                PromptName = name,
                Language = language,
                Text = text,
                Description = description,
                TtsText = File.Exists(sidecar) ? File.ReadAllText(sidecar) : null,
            };
        }).ToList();
    }

    /// <summary>A metadata value as MSBuild evaluates it.</summary>
    private static string? Unescaped(XAttribute? value) => value is null ? null : MSBuildText.Unescape(value.Value);

    [Fact]
    public async Task An_imported_org_builds_with_no_create_and_no_upload_and_a_second_import_writes_nothing()
    {
        PromptInput Existing(string name, string language, double frequency, string text, string? tts = null)
        {
            var path = _org.Prompt(name, language, frequency).AudioPath!;
            return new PromptInput(path, name + "." + language, 1, "alaw", path) { PromptName = name, Language = language, Text = text, TtsText = tts };
        }
        // The org as another team left it: three resources with texts, one with a TTS text.
        await BuildAsync([Existing("Welcome", "en-us", 440, "Welcome; to the bank"), Existing("Welcome", "fr-fr", 450, "Bienvenue"),
            Existing("Hours", "en-us", 660, "Opening hours", tts: "We are open from nine to five.")]);
        var repository = Path.Combine(_org.Folder, "repo", "prompts");

        var imported = await ImportAsync(repository);
        var build = await BuildAsync(AsTheBuildReadsIt(repository));
        var again = await ImportAsync(repository);

        Assert.Empty(imported.Diagnostics);
        Assert.Equal(3, imported.Resources);
        Assert.Equal(3, imported.Downloaded);
        Assert.True(File.Exists(Path.Combine(repository, "fr-fr", "Welcome.wav")));
        Assert.Equal("We are open from nine to five.", File.ReadAllText(Path.Combine(repository, "en-us", "Hours.txt")));
        // The build after the import: a token and the listing; nothing created, uploaded or updated.
        Assert.Equal([PromptSyncEmulatorTests.List, PromptSyncEmulatorTests.Token], build.Keys.Order(StringComparer.Ordinal));
        // Resumed: nothing downloaded, nothing tagged again.
        Assert.Equal(0, again.Downloaded);
        Assert.Equal(0, again.Marked);
    }

    [Fact]
    public async Task A_division_filter_imports_only_that_divisions_prompts()
    {
        const string salesId = "5a1e5000-0000-4000-8000-000000000042";
        // The prompt is created by the test (another team, in the org's story) just before the build, which only retries
        // the resource-create 404 for prompts it created itself: no read-after-write lag here.
        await _org.ConfigureAsync(new { Divisions = new Dictionary<string, string> { ["Sales"] = salesId }, ResourceCreateNotFoundMilliseconds = 0 });
        var token = await _org.TokenAsync();
        using (var create = new HttpRequestMessage(HttpMethod.Post, "api/v2/architect/prompts")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "SalesMenu", division = new { id = salesId } }),
        })
        {
            create.Headers.Authorization = new("Bearer", token);
            using var created = await _org.Admin.SendAsync(create);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
        PromptInput Input(string name, double frequency)
        {
            var path = _org.Prompt(name, "en-us", frequency).AudioPath!;
            return new PromptInput(path, name + ".en-us", 1, "alaw", path) { PromptName = name, Language = "en-us" };
        }
        await BuildAsync([Input("SalesMenu", 500), Input("Welcome", 440)]);
        var repository = Path.Combine(_org.Folder, "repo", "sales");

        var imported = await ImportAsync(repository, division: "sales");

        Assert.Equal(1, imported.Resources);
        Assert.Equal(["SalesMenu.wav"], Directory.GetFiles(repository, "*.wav", SearchOption.AllDirectories).Select(Path.GetFileName));
    }
}
