using System.Security.Cryptography;
using System.Text.Json;
using MediaCompiler.Build.Tests.Support;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MediaCompiler.Build.Tests.Tasks;

/// <summary>
/// What the task hands back to the project (items with metadata, prompts.json, the item index), how it reports
/// settings problems (on the project, with a link into docs/diagnostics.md) and that it yields its node.
/// </summary>
public sealed class CompiledPromptItemsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly YieldRecordingBuildEngine _buildEngine = new();

    public void Dispose() => _temp.Dispose();

    private string Compiled => _temp.Combine("obj", "ivr", "prompts");
    private string Index => _temp.Combine("obj", "ivr", "prompts.items.props");

    private CompileIvrPrompts Task(params ITaskItem[] prompts) => new()
    {
        BuildEngine = _buildEngine,
        Prompts = prompts,
        FlowId = "main-menu-flow",
        CompiledPromptsDirectory = Compiled,
        ItemIndexFile = Index,
        AuditLogPath = _temp.Combine("obj", "audit.jsonl"),
        CacheDirectory = _temp.Combine("obj"),
        HelpDocumentUrl = "https://example.org/docs/diagnostics.md",
        ReadEnvironment = _ => null,
        ConnectEngine = (_, _) => new FakeMediaEngineClient(),
    };

    private TaskItem Tone(string name, double frequency = 440) =>
        new(TestAudio.WriteTone(_temp.Combine("prompts", name + ".wav"), frequency, seconds: 0.5));

    private static string Sha256Of(string path) =>
        "sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

    private string Errors => string.Join("\n", _buildEngine.Log.Errors.Select(e => e.Message));

    [Fact]
    public async System.Threading.Tasks.Task MSBuilds_cancellation_while_the_node_is_yielded_goes_through_and_is_no_internal_error()
    {
        var engine = new FakeMediaEngineClient { JobOutcome = FakeJobOutcome.NeverFinish };
        var task = Task(Tone("welcome"));
        task.ConnectEngine = (_, _) => engine;
        _buildEngine.AbortOnReacquire = true;

        var execution = System.Threading.Tasks.Task.Run(task.Execute);
        Assert.True(SpinWait.SpinUntil(() => engine.Calls("GetCompilationAsync") > 0, TimeSpan.FromSeconds(30)), "the build never started polling");
        task.Cancel();

        await Assert.ThrowsAsync<BuildAbortedException>(() => execution.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(_buildEngine.Log.Errors, e => e.Code == "IVR9001");
        Assert.Equal(["Yield", "Reacquire"], _buildEngine.NodeEvents);
    }

    [Fact]
    public void Compiled_prompts_carry_the_metadata_that_maps_them_back_to_their_prompt()
    {
        var welcome = Tone("welcome");
        welcome.SetMetadata("Language", "fr-FR");
        var bonjour = Tone("bonjour", 550);
        bonjour.SetMetadata("Language", "fr-FR");
        var goodbye = Tone("goodbye", 660);
        goodbye.SetMetadata("NodeId", "farewell");
        var task = Task(welcome, bonjour, goodbye);
        task.PromptsTargetFolder = "prompts";

        Assert.True(task.Execute(), Errors);

        var byNode = task.CompiledPrompts.ToDictionary(i => i.GetMetadata("NodeId"));
        Assert.Equal(["bonjour", "farewell", "welcome"], byNode.Keys.Order());
        Assert.Equal(Path.Combine(Compiled, "farewell.wav"), byNode["farewell"].ItemSpec);
        Assert.Equal(goodbye.ItemSpec, byNode["farewell"].GetMetadata("SourcePrompt"));
        Assert.Equal("fr-FR", byNode["welcome"].GetMetadata("Language"));
        Assert.Equal("", byNode["farewell"].GetMetadata("Language"));
        Assert.Equal("prompts/farewell.wav", byNode["farewell"].GetMetadata("TargetPath"));
        Assert.Equal(Sha256Of(welcome.ItemSpec), byNode["welcome"].GetMetadata("ContentHash"));
        Assert.All(task.CompiledPrompts, i =>
        {
            Assert.Equal("ulaw", i.GetMetadata("Encoding"));
            Assert.NotEqual("", i.GetMetadata("CompilationId"));
        });
        // The index the targets import on no-op builds: an MSBuild file whose items are the compiled prompts, with the
        // same metadata (read by MSBuild itself, not by our parser).
        using var projects = new Microsoft.Build.Evaluation.ProjectCollection();
        var evaluated = projects.LoadProject(Index);
        var indexed = evaluated.GetItems("_IvrLastCompiledPrompt").ToDictionary(i => i.GetMetadataValue("NodeId"));
        Assert.Equal(byNode.Keys.Order(), indexed.Keys.Order());
        foreach (var (node, item) in byNode)
        {
            Assert.Equal(item.ItemSpec, indexed[node].EvaluatedInclude);
            foreach (var name in new[] { "Language", "SourcePrompt", "Encoding", "ContentHash", "AssetId", "CompilationId", "IvrRelativePath" })
            {
                Assert.Equal(item.GetMetadata(name), indexed[node].GetMetadataValue(name));
            }
        }
        Assert.Equal("farewell.wav", indexed["farewell"].GetMetadataValue("IvrRelativePath"));
        Assert.Equal("$(IvrPromptsTargetFolder)/farewell.wav", indexed["farewell"].Xml.Metadata.Single(m => m.Name == "TargetPath").Value);
        // One element per prompt and no condition on any: that per-item cost is paid by every no-op build's evaluation.
        // What most prompts share (here the encoding, the run's compilation and French) is written once, as an item
        // definition; farewell's empty language is spelt out, the others' French is not.
        Assert.Equal(3, evaluated.Xml.Items.Count);
        Assert.All(evaluated.Xml.Items, i => Assert.Equal("", i.Condition));
        var definition = Assert.Single(Assert.Single(evaluated.Xml.ItemDefinitionGroups).ItemDefinitions);
        Assert.Equal(["CompilationId", "Encoding", "Language"], definition.Metadata.Select(m => m.Name).Order());
        Assert.All(evaluated.Xml.Items, i => Assert.DoesNotContain(i.Metadata, m => m.Name is "Encoding" or "CompilationId" or "Link" or "PackagePath"));
        Assert.Equal(["Language"], indexed["farewell"].Xml.Metadata.Where(m => m.Value == "").Select(m => m.Name));
    }

    [Fact]
    public void Outputs_of_prompts_that_left_the_project_are_removed_and_nothing_outside_the_folder_is()
    {
        var welcome = Tone("welcome");
        var goodbye = Tone("goodbye", 660);
        Assert.True(Task(welcome, goodbye).Execute(), Errors);
        Assert.True(File.Exists(Path.Combine(Compiled, "goodbye.wav")));
        // An index line pointing outside the compiled folder (a hand edit) is never followed.
        var outside = _temp.Combine("keep.wav");
        File.WriteAllText(outside, "not ours");
        // Both the current element and the output list of earlier versions' indexes (still read after an upgrade).
        var outsideLegacy = _temp.Combine("keep-too.wav");
        File.WriteAllText(outsideLegacy, "not ours either");
        File.WriteAllText(Index, File.ReadAllText(Index).Replace("</ItemGroup>",
            $"<_IvrLastCompiledPrompt Include=\"{outside}\" /><_IvrLastOutput Include=\"{outsideLegacy}\" /></ItemGroup>", StringComparison.Ordinal));

        var renamed = Tone("welcome");
        renamed.SetMetadata("NodeId", "greeting");
        Assert.True(Task(renamed).Execute(), Errors);

        Assert.Equal(["greeting.wav", "prompts.json"], Directory.GetFiles(Compiled).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(outside));
        Assert.True(File.Exists(outsideLegacy));
    }

    [Fact]
    public void A_prompt_renamed_by_letter_case_only_leaves_one_output_in_obj_and_in_bin()
    {
        // IncrementalClean compares paths ignoring case, so it keeps bin's old spelling: the task removes it. This file
        // system is case-sensitive (Linux); on a case-insensitive one the two spellings are one file, which stays.
        var bin = _temp.Combine("bin", "prompts");
        var first = Task(Tone("hello"));
        first.OutputLinkDirectory = bin;
        Assert.True(first.Execute(), Errors);
        File.Move(_temp.Combine("prompts", "hello.wav"), _temp.Combine("prompts", "Hello.wav"));

        var renamed = Task(new TaskItem(_temp.Combine("prompts", "Hello.wav")));
        renamed.OutputLinkDirectory = bin;
        Assert.True(renamed.Execute(), Errors);

        Assert.Equal(["Hello.wav", "prompts.json"], Directory.GetFiles(Compiled).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["Hello.wav"], Directory.GetFiles(bin).Select(Path.GetFileName));
    }

    [Fact]
    public void Stale_outputs_listed_by_an_index_of_an_earlier_version_are_removed()
    {
        // Earlier versions listed every output a second time as _IvrLastOutput (with no metadata); after an upgrade, the
        // first run still finds the outputs of prompts that left the project there.
        Assert.True(Task(Tone("welcome"), Tone("goodbye", 660)).Execute(), Errors);
        var goodbye = Path.Combine(Compiled, "goodbye.wav");
        File.WriteAllText(Index, $"<Project><ItemGroup><_IvrLastOutput Include=\"{goodbye}\" /></ItemGroup></Project>");

        Assert.True(Task(Tone("welcome")).Execute(), Errors);

        Assert.False(File.Exists(goodbye));
        Assert.True(File.Exists(Path.Combine(Compiled, "welcome.wav")));
    }

    [Fact]
    public void Manifest_describes_every_compiled_prompt()
    {
        var welcome = Tone("welcome");

        Assert.True(Task(welcome).Execute(), Errors);

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Compiled, "prompts.json")));
        var entry = Assert.Single(manifest.RootElement.GetProperty("prompts").EnumerateArray());
        var compiled = Path.Combine(Compiled, "welcome.wav");
        Assert.Equal("welcome", entry.GetProperty("nodeId").GetString());
        Assert.Equal(welcome.ItemSpec.Replace('\\', '/'), entry.GetProperty("source").GetString());
        Assert.Equal(Sha256Of(welcome.ItemSpec), entry.GetProperty("contentHash").GetString());
        Assert.Equal("ulaw", entry.GetProperty("encoding").GetString());
        Assert.Equal(new FileInfo(compiled).Length, entry.GetProperty("bytes").GetInt64());
        // durationSeconds is read from the compiled WAV; the fake engine's output is no WAV (the end-to-end test checks it).
    }

    [Fact]
    public void Item_index_that_cannot_be_written_is_IVR2041_and_fails_the_task()
    {
        var task = Task(Tone("welcome"));
        // Its folder would have to be created where a file already is.
        var blocker = _temp.Combine("obj", "blocker");
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        File.WriteAllText(blocker, "");
        task.ItemIndexFile = Path.Combine(blocker, "prompts.items.props");

        Assert.False(task.Execute());

        Assert.Equal("IVR2041", Assert.Single(_buildEngine.Log.Errors).Code);
        Assert.Empty(task.CompiledPrompts);
    }

    [Fact]
    public void Network_work_runs_with_the_node_yielded_and_reacquired()
    {
        Assert.True(Task(Tone("welcome")).Execute(), Errors);

        Assert.Equal(["Yield", "Reacquire"], _buildEngine.NodeEvents);
    }

    [Fact]
    public void A_run_that_warned_is_not_recorded_as_complete()
    {
        var clean = Task(Tone("welcome"));
        Assert.True(clean.Execute(), Errors);
        Assert.True(clean.CompletedWithoutWarnings);

        // An audit log path that is a folder: warning IVR5003, which -warnaserror would turn into a failed build. The
        // prompt changed, so a compile job runs (an unchanged one comes from the prompt cache, with no job to audit).
        var warned = Task(Tone("welcome", 500));
        warned.AuditLogPath = Directory.CreateDirectory(_temp.Combine("audit-folder")).FullName;
        Assert.True(warned.Execute(), Errors);
        Assert.Contains(_buildEngine.Log.Warnings, w => w.Code == "IVR5003");
        Assert.False(warned.CompletedWithoutWarnings);
    }

    [Fact]
    public void Validate_only_keeps_its_node_and_writes_no_manifest()
    {
        var task = Task(Tone("welcome"));
        task.ValidateOnly = "true";

        Assert.True(task.Execute(), Errors);

        Assert.Empty(_buildEngine.NodeEvents);
        Assert.False(File.Exists(Index));
    }

    [Fact]
    public void Settings_error_is_on_the_project_file_and_links_to_its_documentation()
    {
        var task = Task(Tone("welcome"));
        task.ProjectFile = "/repo/prompts/ivr.proj";
        task.Encoding = "mp3";

        Assert.False(task.Execute());

        var error = Assert.Single(_buildEngine.Log.Errors);
        Assert.Equal(("IVR2001", "/repo/prompts/ivr.proj"), (error.Code, error.File));
        // The anchor docs/diagnostics.md's heading "### IVR2001: Unknown output encoding" gets when rendered.
        Assert.Contains("### IVR2001: Unknown output encoding", File.ReadAllText(Path.Combine(Repository.Root, "docs", "diagnostics.md")));
        Assert.Equal("https://example.org/docs/diagnostics.md#ivr2001-unknown-output-encoding", error.HelpLink);
    }

    [Fact]
    public void Invalid_NodeId_proposes_one_derived_from_that_file()
    {
        var senal = new TaskItem(TestAudio.WriteTone(_temp.Combine("prompts", "señal de ocupado.wav")));
        var japanese = new TaskItem(TestAudio.WriteTone(_temp.Combine("prompts", "ようこそ.wav")));
        var chinese = new TaskItem(TestAudio.WriteTone(_temp.Combine("prompts", "欢迎.wav")));

        Assert.False(Task(senal, japanese, chinese).Execute());

        var messages = _buildEngine.Log.Errors.Where(e => e.Code == "IVR2021").Select(e => e.Message!).ToArray();
        Assert.Equal(3, messages.Length);
        Assert.Contains("A-Z, a-z, 0-9", messages[0]);
        Assert.Contains("NodeId=\"senal-de-ocupado\"", messages[0]);
        var proposals = messages.Select(m => m[m.LastIndexOf("NodeId=", StringComparison.Ordinal)..]).ToArray();
        Assert.Equal(3, proposals.Distinct().Count());
    }
}
