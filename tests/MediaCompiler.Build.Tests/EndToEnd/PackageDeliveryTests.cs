using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// Issue 8 with the packed package and the embedded engine (no network): the compiled prompts flow where the SDK moves
/// content (publish, a referencing project), nothing an IDE runs deletes them, items and the IDE integration are
/// there, an upgrade re-runs the work, and the nupkg says what it is.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageDeliveryTests : IDisposable
{
    private static readonly string[] CompiledFiles =
        ["goodbye.wav", "main-menu.wav", "please-hold.wav", "prompts.json", "transfer.wav", "welcome.wav"];

    private readonly PackedPackageFixture _package;
    private readonly TempDirectory _temp = new();

    public PackageDeliveryTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, string> Environment(string? packages = null) =>
        new() { ["NUGET_PACKAGES"] = packages ?? _package.PackagesFolder };

    private static Task<DotnetCli.Result> Dotnet(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        DotnetCli.RunAsync(directory, environment, [.. arguments, "-nodeReuse:false", "--nologo"]);

    private static void AssertSucceeded(DotnetCli.Result result) => Assert.True(result.Succeeded, result.Output);

    private static string[] FileNames(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order().ToArray() : [];

    /// <summary>Every file under the folders with its size and time: what "left intact" means.</summary>
    private static string[] Snapshot(params string[] folders) => folders
        .SelectMany(f => Directory.GetFiles(f, "*", SearchOption.AllDirectories))
        .Select(f => $"{f}|{new FileInfo(f).Length}|{File.GetLastWriteTimeUtc(f):O}")
        .Order()
        .ToArray();

    [Fact]
    public async Task Compiled_prompts_reach_publish_survive_design_time_and_validate_only_builds_and_carry_metadata()
    {
        var sample = _package.CopySample(_temp.Combine("sample"));
        var bin = Path.Combine(sample, "bin", "Debug", "net8.0");
        var obj = Path.Combine(sample, "obj", "Debug", "net8.0", "ivr");

        var publish = await Dotnet(sample, Environment(), "publish", "-c", "Debug", "-o", Path.Combine(sample, "published"));
        AssertSucceeded(publish);
        Assert.True(CompiledFiles.SequenceEqual(FileNames(Path.Combine(sample, "published", "prompts"))), publish.Output);
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(bin, "prompts")));
        using (var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sample, "published", "prompts", "prompts.json"))))
        {
            var welcome = manifest.RootElement.GetProperty("prompts").EnumerateArray().Single(p => p.GetProperty("nodeId").GetString() == "welcome");
            Assert.Equal("prompts/welcome.wav", welcome.GetProperty("source").GetString());
            Assert.Equal(new FileInfo(Path.Combine(bin, "prompts", "welcome.wav")).Length, welcome.GetProperty("bytes").GetInt64());
            // Independent of the task: a G.711 WAV holds 8000 one-byte samples a second after its 44..58-byte header.
            Assert.InRange(welcome.GetProperty("durationSeconds").GetDouble() * 8000, welcome.GetProperty("bytes").GetInt64() - 100, welcome.GetProperty("bytes").GetInt64() - 40);
        }

        // dotnet pack of the prompt project ships them as content files (no NU5017 "no content").
        AssertSucceeded(await Dotnet(sample, Environment(), "pack", "-c", "Debug", "-o", Path.Combine(sample, "packed")));
        using (var nupkg = ZipFile.OpenRead(Directory.GetFiles(Path.Combine(sample, "packed"), "*.nupkg").Single()))
        {
            Assert.Equal(CompiledFiles.Select(f => "contentFiles/any/any/prompts/" + f),
                nupkg.Entries.Select(e => e.FullName).Where(n => n.StartsWith("contentFiles/", StringComparison.Ordinal)).Order());
        }

        var before = Snapshot(bin, obj);
        AssertSucceeded(await Dotnet(sample, Environment(), "msbuild", "-p:DesignTimeBuild=true", "-t:Build"));
        Assert.Equal(before, Snapshot(bin, obj));
        AssertSucceeded(await Dotnet(sample, Environment(), "build", "-p:IvrValidateOnly=true"));
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(bin, "prompts")));
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(obj, "prompts")));

        // A no-op build (the task does not run) still yields the items, with their metadata, from the last run.
        var noOp = await Dotnet(sample, Environment(), "msbuild", "-t:Build", "-getItem:IvrCompiledPrompt", "-getItem:Watch",
            "-getItem:None", "-getItem:UpToDateCheckBuilt", "-getItem:PropertyPageSchema");
        AssertSucceeded(noOp);
        using (var items = JsonDocument.Parse(noOp.Output[noOp.Output.IndexOf('{')..(noOp.Output.LastIndexOf('}') + 1)]))
        {
            var all = items.RootElement.GetProperty("Items");
            var welcome = all.GetProperty("IvrCompiledPrompt").EnumerateArray().Single(i => i.GetProperty("NodeId").GetString() == "welcome");
            Assert.Equal(Path.Combine(sample, "prompts", "welcome.wav"), welcome.GetProperty("SourcePrompt").GetString());
            Assert.StartsWith("sha256:", welcome.GetProperty("ContentHash").GetString());
            Assert.Equal("ulaw", welcome.GetProperty("Encoding").GetString());
            Assert.NotEqual("", welcome.GetProperty("CompilationId").GetString());
            Assert.Equal(5, all.GetProperty("Watch").GetArrayLength());
            Assert.DoesNotContain(all.TryGetProperty("None", out var none) ? none.EnumerateArray().Select(i => i.GetProperty("Identity").GetString()) : [],
                identity => identity!.StartsWith("prompts", StringComparison.Ordinal));
            Assert.EndsWith("compile.stamp", all.GetProperty("UpToDateCheckBuilt").EnumerateArray().Single().GetProperty("Identity").GetString());
            Assert.Contains(all.GetProperty("PropertyPageSchema").EnumerateArray(), i => i.GetProperty("Identity").GetString()!.EndsWith("IvrPrompt.xaml", StringComparison.Ordinal));
        }
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(bin, "prompts")));
        AssertSucceeded(await Dotnet(sample, Environment(), "build", "-question"));
    }

    [Fact]
    public async Task The_output_folder_gets_links_to_the_compiled_prompts_that_follow_edits_and_removals()
    {
        // IvrLinkCompiledPrompts: a second name, not a second file (what a copy costs is mostly creating the file).
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var sample = _package.CopySample(_temp.Combine("sample"));
        var bin = Path.Combine(sample, "bin", "Debug", "net8.0", "prompts");
        var obj = Path.Combine(sample, "obj", "Debug", "net8.0", "ivr", "prompts");
        AssertSucceeded(await Dotnet(sample, Environment(), "build"));
        Assert.All(CompiledFiles.Where(f => f.EndsWith(".wav", StringComparison.Ordinal)),
            f => Assert.Equal(Inode(Path.Combine(obj, f)), Inode(Path.Combine(bin, f))));

        // An edited prompt: the output folder has its new bytes; a removed one leaves it (the SDK's IncrementalClean).
        var before = File.ReadAllBytes(Path.Combine(bin, "welcome.wav"));
        TestAudio.WriteTone(Path.Combine(sample, "prompts", "welcome.wav"), 523);
        File.Delete(Path.Combine(sample, "prompts", "please-hold.mp3"));
        var edited = await Dotnet(sample, Environment(), "build");
        AssertSucceeded(edited);

        Assert.NotEqual(before, File.ReadAllBytes(Path.Combine(bin, "welcome.wav")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(obj, "welcome.wav")), File.ReadAllBytes(Path.Combine(bin, "welcome.wav")));
        Assert.False(File.Exists(Path.Combine(bin, "please-hold.wav")), edited.Output);
        Assert.Equal(CompiledFiles.Where(f => f != "please-hold.wav"), FileNames(bin));

        // With links off, the SDK copies as it always did (and a copy replaces the link, never writes through it).
        var linked = File.ReadAllBytes(Path.Combine(obj, "welcome.wav"));
        TestAudio.WriteTone(Path.Combine(sample, "prompts", "welcome.wav"), 659);
        AssertSucceeded(await Dotnet(sample, Environment(), "build", "-p:IvrLinkCompiledPrompts=false"));
        Assert.NotEqual(Inode(Path.Combine(obj, "welcome.wav")), Inode(Path.Combine(bin, "welcome.wav")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(obj, "welcome.wav")), File.ReadAllBytes(Path.Combine(bin, "welcome.wav")));
        Assert.NotEqual(linked, File.ReadAllBytes(Path.Combine(bin, "welcome.wav")));
    }

    [Fact]
    public async Task A_new_IvrPromptsTargetFolder_moves_the_prompts_in_bin_and_the_package_without_compiling_again()
    {
        // The prompts' TargetPath comes from the item index with the folder left as a property; pack puts it under contentFiles.
        var sample = _package.CopySample(_temp.Combine("sample"));
        AssertSucceeded(await Dotnet(sample, Environment(), "build"));

        var moved = await Dotnet(sample, Environment(), "build", "-p:IvrPromptsTargetFolder=audio/ivr", "-v:n");
        var packed = await Dotnet(sample, Environment(), "pack", "-c", "Debug", "--no-build", "-p:IvrPromptsTargetFolder=audio/ivr", "-o", _temp.Combine("nupkg"));

        AssertSucceeded(moved);
        Assert.DoesNotContain("compiled for flow", moved.Output, StringComparison.Ordinal);
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(sample, "bin", "Debug", "net8.0", "audio", "ivr")));
        AssertSucceeded(packed);
        using var nupkg = ZipFile.OpenRead(Directory.GetFiles(_temp.Combine("nupkg"), "*.nupkg").Single());
        Assert.Equal(CompiledFiles.Select(f => "contentFiles/any/any/audio/ivr/" + f),
            nupkg.Entries.Select(e => e.FullName).Where(n => n.StartsWith("contentFiles/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publish_with_no_build_ships_the_last_build_and_compiles_nothing()
    {
        // `dotnet build` then `dotnet publish --no-build` (a CI's usual pair): the publish must not do the work, even
        // with a prompt edited in between (publish with no-build runs BuildOnlySettings, so BuildingProject is true).
        var sample = _package.CopySample(_temp.Combine("sample"));
        AssertSucceeded(await Dotnet(sample, Environment(), "build"));
        var compiled = Path.Combine(sample, "obj", "Debug", "net8.0", "ivr", "prompts", "welcome.wav");
        var built = File.ReadAllBytes(compiled);
        TestAudio.WriteTone(Path.Combine(sample, "prompts", "welcome.wav"), 523);
        var published = _temp.Combine("published");

        var publish = await Dotnet(sample, Environment(), "publish", "-c", "Debug", "--no-build", "-o", published);

        AssertSucceeded(publish);
        Assert.DoesNotContain("compiled for flow", publish.Output, StringComparison.Ordinal);
        Assert.Equal(built, File.ReadAllBytes(compiled));
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(published, "prompts")));
        Assert.Equal(built, File.ReadAllBytes(Path.Combine(published, "prompts", "welcome.wav")));
    }

    [Fact]
    public async Task Publish_with_no_build_of_a_project_never_built_is_IVR2042_not_an_output_without_prompts()
    {
        // A fresh clone restored, then published with --no-build: with nothing compiled, the publish folder would be
        // missing every prompt; so would one after a validate-only build (it compiles nothing).
        var sample = _package.CopySample(_temp.Combine("sample"));
        AssertSucceeded(await Dotnet(sample, Environment(), "restore"));

        var never = await Dotnet(sample, Environment(), "publish", "-c", "Debug", "--no-build", "-o", _temp.Combine("never"));
        AssertSucceeded(await Dotnet(sample, Environment(), "build", "-p:IvrValidateOnly=true"));
        var validated = await Dotnet(sample, Environment(), "publish", "-c", "Debug", "--no-build", "-o", _temp.Combine("validated"));
        AssertSucceeded(await Dotnet(sample, Environment(), "build"));
        var built = await Dotnet(sample, Environment(), "publish", "-c", "Debug", "--no-build", "-o", _temp.Combine("built"));

        foreach (var refused in new[] { never, validated })
        {
            Assert.False(refused.Succeeded, refused.Output);
            var error = Assert.Single(refused.Output.Split('\n').Where(l => l.Contains("error IVR2042")).Distinct());
            Assert.StartsWith(Path.Combine(sample, "sample-ivr-project.csproj"), error.Trim());
            Assert.Contains("its 5 IvrPrompt item(s)", error, StringComparison.Ordinal);
        }
        Assert.Equal([], FileNames(_temp.Combine("never", "prompts")));
        AssertSucceeded(built);
        Assert.Equal(CompiledFiles, FileNames(_temp.Combine("built", "prompts")));
    }

    private static string Inode(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%d:%i", path]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return inode;
    }

    [Fact]
    public async Task Referencing_app_gets_the_prompts_and_a_project_without_prompts_is_warned()
    {
        var sample = _package.CopySample(_temp.Combine("sample"));
        var app = Directory.CreateDirectory(_temp.Combine("app")).FullName;
        File.Copy(Path.Combine(sample, "nuget.config"), Path.Combine(app, "nuget.config"));
        // The app references the package too, with no IvrPrompt of its own: the IVR2040 warning, once.
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MediaCompiler.Build" Version="{_package.PackageVersion}" PrivateAssets="all" />
                <ProjectReference Include="../sample/sample-ivr-project.csproj" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(\"ivr\");");

        var build = await Dotnet(app, Environment(), "build");

        AssertSucceeded(build);
        Assert.Equal(CompiledFiles, FileNames(Path.Combine(app, "bin", "Debug", "net10.0", "prompts")));
        var warning = Assert.Single(build.Output.Split('\n').Where(l => l.Contains("warning IVR2040")).Distinct());
        Assert.StartsWith(Path.Combine(app, "app.csproj"), warning);
        Assert.Contains("IvrAllowNoPrompts", warning);

        var silenced = await Dotnet(app, Environment(), "build", "-p:IvrAllowNoPrompts=true");
        AssertSucceeded(silenced);
        Assert.DoesNotContain("IVR2040", silenced.Output);
    }

    [Fact]
    public async Task Package_upgrade_with_old_file_dates_runs_the_work_again()
    {
        // Its own package folder: this test edits the extracted package, as an upgrade would replace it.
        var packages = _temp.Combine("packages");
        var sample = _package.CopySample(_temp.Combine("sample"));
        var first = await Dotnet(sample, Environment(packages), "build");
        AssertSucceeded(first);
        Assert.Contains("5 compiled", first.Output);
        Assert.DoesNotContain("5 compiled", (await Dotnet(sample, Environment(packages), "build")).Output);

        // A new release (same version folder, as a re-published build would be) whose files carry the archive's old
        // dates: its task and targets differ, so the identity written when it was packed differs.
        var identity = Directory.GetFiles(packages, "MediaCompiler.Build.Identity.props", SearchOption.AllDirectories).Single();
        var text = File.ReadAllText(identity);
        Assert.Matches("<IvrPackageIdentity>[0-9a-f]{64}</IvrPackageIdentity>", text);
        File.WriteAllText(identity, System.Text.RegularExpressions.Regex.Replace(text, "[0-9a-f]{64}", new string('0', 64)));
        File.SetLastWriteTimeUtc(identity, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var upgraded = await Dotnet(sample, Environment(packages), "build");
        AssertSucceeded(upgraded);
        // The task ran again (the target was not skipped); its code is the same, so the prompt cache answers for it.
        Assert.Contains("IVR prompts: 5 validated", upgraded.Output);
    }

    [Fact]
    public void Package_has_a_readme_a_licence_no_placeholder_url_and_no_buildTransitive()
    {
        using var nupkg = ZipFile.OpenRead(Directory.GetFiles(_package.Feed, "MediaCompiler.Build.*.nupkg").Single());
        var entries = nupkg.Entries.Select(e => e.FullName).ToArray();
        var nuspecEntry = nupkg.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspecEntry.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain("example.invalid", metadata.ToString());
        Assert.Contains("docs/diagnostics.md", entries);
        Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
        Assert.Contains("build/IvrPrompt.xaml", entries);
        Assert.Contains("build/MediaCompiler.Build.Identity.props", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("buildTransitive/", StringComparison.Ordinal));
    }

    /// <summary>
    /// What tasks/net8.0/ must hold: the task, the projects it references and the packages they run on. Pinned on
    /// purpose: a new dependency is a deliberate change of this list, never a DLL that happened to be in bin/.
    /// </summary>
    private static readonly string[] TaskFiles =
    [
        "Concentus.dll", "MediaCompiler.Audio.dll", "MediaCompiler.Build.deps.json", "MediaCompiler.Build.dll",
        "MediaCompiler.Client.dll", "MediaCompiler.Codecs.dll", "MediaCompiler.Contract.dll", "MediaCompiler.Diagnostics.dll",
        "MediaCompiler.Engine.InProcess.dll", "MediaCompiler.Engine.dll", "MediaCompiler.Genesys.dll", "MediaCompiler.Http.dll",
        "MediaCompiler.Pipeline.Genesys.dll", "MediaCompiler.Pipeline.dll", "MediaCompiler.Platforms.dll", "MediaCompiler.Storage.dll",
        "NVorbis.dll", "Polly.Core.dll",
    ];

    [Fact]
    public void Package_tasks_folder_holds_exactly_the_task_and_what_it_loads()
    {
        using var nupkg = ZipFile.OpenRead(Directory.GetFiles(_package.Feed, "MediaCompiler.Build.*.nupkg").Single());
        const string tasks = "tasks/net8.0/";
        var shipped = nupkg.Entries.Select(e => e.FullName).Where(n => n.StartsWith(tasks, StringComparison.Ordinal))
            .Select(n => n[tasks.Length..]).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(TaskFiles.Order(StringComparer.Ordinal), shipped);

        // Cross-check with the runtime's own view: every assembly the task's deps.json says it loads ships, and
        // nothing else does (MSBuild's assemblies come from MSBuild).
        using var deps = System.Text.Json.JsonDocument.Parse(nupkg.GetEntry(tasks + "MediaCompiler.Build.deps.json")!.Open());
        var runtime = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .SelectMany(library => library.Value.TryGetProperty("runtime", out var assets) ? assets.EnumerateObject().Select(a => Path.GetFileName(a.Name)) : [])
            .Where(name => !name.StartsWith("Microsoft.Build", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(runtime, shipped.Where(n => n.EndsWith(".dll", StringComparison.Ordinal)));
    }
}
