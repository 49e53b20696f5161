using MediaCompiler.Build.Tests.Support;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace MediaCompiler.Build.Tests.MSBuild;

/// <summary>
/// Builds real projects with MSBuild in this process: the repository's props/targets, the task assembly of this test
/// run, the embedded engine. Proves the incremental behaviour target by target. Tests of one class run one at a time,
/// which the single in-process build manager needs.
/// </summary>
[Collection(InProcessMSBuildCollection.Name)]
public sealed class InProcessBuildTests : IDisposable
{
    private const string TaskName = "CompileIvrPrompts";
    private readonly TempDirectory _project = new();

    public InProcessBuildTests()
    {
        TestAudio.WriteTone(_project.Combine("prompts", "welcome.wav"), 440);
        TestAudio.WriteTone(_project.Combine("prompts", "menus", "main-menu.wav"), 550);
        WriteProject("");
    }

    public void Dispose() => _project.Dispose();

    private string ProjectFile => _project.Combine("prompts.proj");

    /// <summary>Where the task compiles to; the SDK's copy to bin/ is not part of these SDK-less builds.</summary>
    private string CompiledPrompt(string nodeId) => _project.Combine("obj", "ivr", "prompts", nodeId + ".wav");

    /// <summary>
    /// A project with no SDK: it imports the package's props and targets as NuGet would and provides the two common
    /// target they hook into (AssignTargetPaths), so the test needs no restore and no network.
    /// </summary>
    private void WriteProject(string extraItemMetadata, string extraProperties = "") => File.WriteAllText(ProjectFile, $"""
        <Project>
          <Import Project="{Repository.PropsFile}" />
          <PropertyGroup>
            <IvrFlowId>main-menu-flow</IvrFlowId>
            <IntermediateOutputPath>obj/</IntermediateOutputPath>
            <OutDir>bin/</OutDir>
            <IvrTaskAssembly>{Repository.TaskAssembly}</IvrTaskAssembly>
            {extraProperties}
          </PropertyGroup>
          <ItemGroup>
            <IvrPrompt Include="prompts/**/*.wav" {extraItemMetadata} />
          </ItemGroup>
          <Import Project="{Repository.TargetsFile}" />
          <Target Name="_SetBuildingProject"><PropertyGroup><BuildingProject>true</BuildingProject></PropertyGroup></Target>
          <Target Name="AssignTargetPaths" />
          <Target Name="Build" DependsOnTargets="_SetBuildingProject;AssignTargetPaths" />
          <Target Name="Clean" />
        </Project>
        """);

    private (BuildResult Result, RecordingLogger Log) Build(Dictionary<string, string>? globalProperties = null, bool question = false, string target = "Build")
    {
        var logger = new RecordingLogger();
        using var projects = new ProjectCollection();
        var parameters = new BuildParameters(projects) { Loggers = [logger], Question = question, DisableInProcNode = false };
        var request = new BuildRequestData(ProjectFile, globalProperties ?? new Dictionary<string, string>(), null, [target], null,
            BuildRequestDataFlags.ProvideProjectStateAfterBuild);
        var result = BuildManager.DefaultBuildManager.Build(parameters, request);
        return (result, logger);
    }

    private static void AssertSucceeded((BuildResult Result, RecordingLogger Log) build) =>
        Assert.True(build.Result.OverallResult == BuildResultCode.Success,
            string.Join("\n", build.Log.Errors.Select(e => $"{e.File}: {e.Code}: {e.Message}")));

    [Fact]
    public void First_build_compiles_and_a_second_skips_the_work()
    {
        var first = Build();
        AssertSucceeded(first);
        Assert.Contains(TaskName, first.Log.TasksRun);
        Assert.True(File.Exists(CompiledPrompt("welcome")) && File.Exists(CompiledPrompt("main-menu")));
        Assert.Contains(first.Log.HighImportanceMessages, m => m.Contains("2 compiled"));

        var second = Build();
        AssertSucceeded(second);
        Assert.DoesNotContain(TaskName, second.Log.TasksRun);
        Assert.True(File.Exists(CompiledPrompt("welcome")));
    }

    [Fact]
    public void Question_build_after_a_build_reports_up_to_date()
    {
        Assert.Equal(BuildResultCode.Failure, Build(question: true).Result.OverallResult);
        AssertSucceeded(Build());

        var question = Build(question: true);

        AssertSucceeded(question);
        Assert.DoesNotContain(TaskName, question.Log.TasksRun);
    }

    [Fact]
    public void Changed_prompt_bytes_rerun_the_work()
    {
        AssertSucceeded(Build());
        TestAudio.WriteTone(_project.Combine("prompts", "welcome.wav"), 880);
        File.SetLastWriteTimeUtc(_project.Combine("prompts", "welcome.wav"), DateTime.UtcNow.AddSeconds(5));

        var rebuild = Build();

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
    }

    [Fact]
    public void Prompt_replaced_by_an_older_file_reruns_the_work()
    {
        AssertSucceeded(Build());
        // `mv ~/Downloads/welcome.wav prompts/` keeps the download's timestamp, older than the last build's stamp.
        var replaced = TestAudio.WriteTone(_project.Combine("prompts", "welcome.wav"), 880);
        File.SetLastWriteTimeUtc(replaced, DateTime.UtcNow.AddDays(-1));

        var rebuild = Build();

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
    }

    [Fact]
    public void Added_prompt_with_an_old_timestamp_reruns_the_work()
    {
        AssertSucceeded(Build());
        var added = TestAudio.WriteTone(_project.Combine("prompts", "goodbye.wav"), 660);
        File.SetLastWriteTimeUtc(added, DateTime.UtcNow.AddDays(-30));   // as a copy or a checkout may leave it

        var rebuild = Build();

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
        Assert.True(File.Exists(CompiledPrompt("goodbye")));
    }

    [Fact]
    public void Deleted_prompt_reruns_the_work()
    {
        AssertSucceeded(Build());
        File.Delete(_project.Combine("prompts", "menus", "main-menu.wav"));

        var rebuild = Build();

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
    }

    [Fact]
    public void Deleted_compiled_prompt_is_compiled_again()
    {
        AssertSucceeded(Build());
        File.Delete(CompiledPrompt("welcome"));

        var rebuild = Build();

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
        Assert.True(File.Exists(CompiledPrompt("welcome")));
    }

    [Fact]
    public void Deleted_compiled_prompt_is_not_content_after_a_validate_only_build()
    {
        // A validate-only run keeps the last item index (it compiles nothing), so the targets must drop what is gone.
        AssertSucceeded(Build());
        File.Delete(CompiledPrompt("welcome"));

        var validate = Build(new Dictionary<string, string> { ["IvrValidateOnly"] = "true" });

        AssertSucceeded(validate);
        Assert.Contains(TaskName, validate.Log.TasksRun);
        var content = ContentOf(validate);
        Assert.Contains(content, c => c.StartsWith(CompiledPrompt("main-menu"), StringComparison.Ordinal));
        Assert.DoesNotContain(content, c => c.StartsWith(CompiledPrompt("welcome"), StringComparison.Ordinal));
    }

    [Fact]
    public void A_no_op_build_still_hands_over_every_compiled_prompt_with_its_metadata()
    {
        var first = Build();
        AssertSucceeded(first);

        var noOp = Build();

        AssertSucceeded(noOp);
        Assert.DoesNotContain(TaskName, noOp.Log.TasksRun);
        Assert.Equal(ContentOf(first), ContentOf(noOp));
        Assert.Equal(2, ContentOf(noOp).Count(c => c.EndsWith(".wav", StringComparison.Ordinal)));
        var welcome = Assert.Single(noOp.Result.ProjectStateAfterBuild.GetItems("IvrCompiledPrompt"), i => i.GetMetadataValue("NodeId") == "welcome");
        Assert.Equal(CompiledPrompt("welcome"), welcome.EvaluatedInclude);
        Assert.Equal(_project.Combine("prompts", "welcome.wav"), welcome.GetMetadataValue("SourcePrompt"));
        Assert.StartsWith("sha256:", welcome.GetMetadataValue("ContentHash"), StringComparison.Ordinal);
    }

    /// <summary>Each content item the package handed to the SDK's copy: its file and where it goes in the output.</summary>
    private static List<string> ContentOf((BuildResult Result, RecordingLogger Log) build) =>
        build.Result.ProjectStateAfterBuild.GetItems("ContentWithTargetPath")
            .Select(c => c.EvaluatedInclude + " -> " + c.GetMetadataValue("TargetPath"))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_sidecar_text_added_or_edited_reruns_the_work()
    {
        AssertSucceeded(Build());
        var sidecar = _project.Combine("prompts", "welcome.txt");

        File.WriteAllText(sidecar, "Welcome to the bank.");
        var added = Build();
        var unchanged = Build();
        File.WriteAllText(sidecar, "Welcome to the bank of tomorrow.");
        File.SetLastWriteTimeUtc(sidecar, DateTime.UtcNow.AddSeconds(5));
        var edited = Build();

        Assert.Contains(TaskName, added.Log.TasksRun);
        Assert.DoesNotContain(TaskName, unchanged.Log.TasksRun);
        Assert.Contains(TaskName, edited.Log.TasksRun);
    }

    [Fact]
    public void Clean_removes_what_the_package_wrote_except_the_audit_log()
    {
        AssertSucceeded(Build());
        var ivr = _project.Combine("obj", "ivr");
        Assert.True(Directory.EnumerateFiles(Path.Combine(ivr, "prompt-cache"), "*", SearchOption.AllDirectories).Any());

        AssertSucceeded(Build(target: "Clean"));

        Assert.Equal(["audit.jsonl"], Directory.EnumerateFiles(ivr, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        var rebuild = Build();
        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("without its end marker")]
    [InlineData("cut short")]
    [InlineData("zeroed")]
    [InlineData("empty")]
    public void A_damaged_item_index_reruns_the_work_instead_of_shipping_nothing_and_an_unreadable_one_warns(string damage)
    {
        AssertSucceeded(Build());
        var index = _project.Combine("obj", "ivr", "prompts.items.props");
        void Damage()
        {
            var whole = File.ReadAllBytes(index);
            switch (damage)
            {
                case "deleted": File.Delete(index); break;
                case "without its end marker": File.WriteAllText(index, "<Project>\n</Project>\n"); break;
                case "empty": File.WriteAllBytes(index, []); break;
                case "cut short": File.WriteAllBytes(index, whole[..(whole.Length / 2)]); break;
                default: File.WriteAllBytes(index, new byte[whole.Length]); break;
            }
        }

        Damage();
        var rebuild = Build();
        var after = Build();
        Damage();
        var clean = Build(target: "Clean");

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
        Assert.Equal(2, rebuild.Result.ProjectStateAfterBuild.GetItems("IvrCompiledPrompt").Count);
        // An index that is MSBuild XML but not a whole one of ours (an older package's) is quietly replaced.
        var unreadable = damage is "cut short" or "zeroed" or "empty";
        Assert.Equal(unreadable, rebuild.Log.Warnings.Any(w => w.Code == "IVR5011" && w.File == index));
        AssertSucceeded(after);
        Assert.DoesNotContain(TaskName, after.Log.TasksRun);
        Assert.Empty(after.Log.Warnings);
        Assert.Equal(2, after.Result.ProjectStateAfterBuild.GetItems("IvrCompiledPrompt").Count);
        AssertSucceeded(clean);
    }

    [Fact]
    public void A_deleted_manifest_reruns_the_work()
    {
        AssertSucceeded(Build());
        File.Delete(_project.Combine("obj", "ivr", "prompts", "prompts.json"));

        var rebuild = Build();

        AssertSucceeded(rebuild);
        Assert.Contains(TaskName, rebuild.Log.TasksRun);
        Assert.True(File.Exists(_project.Combine("obj", "ivr", "prompts", "prompts.json")));
    }

    [Fact]
    public void A_plan_only_build_writes_the_plan_and_nothing_else_and_the_next_build_does_the_work()
    {
        var planFile = _project.Combine("out", "plan.json");
        var plan = Build(new Dictionary<string, string> { ["IvrPlanOnly"] = "true", ["IvrPlanFile"] = planFile });

        AssertSucceeded(plan);
        Assert.Contains(TaskName, plan.Log.TasksRun);
        Assert.Contains(plan.Log.HighImportanceMessages, m => m.Contains("IVR plan: upload welcome", StringComparison.Ordinal));
        Assert.Contains("\"upload\": 2", File.ReadAllText(planFile), StringComparison.Ordinal);
        Assert.False(File.Exists(CompiledPrompt("welcome")));
        Assert.False(File.Exists(_project.Combine("obj", "ivr", "compile.stamp")));
        Assert.Empty(plan.Result.ProjectStateAfterBuild.GetItems("ContentWithTargetPath"));

        var build = Build();

        AssertSucceeded(build);
        Assert.Contains(TaskName, build.Log.TasksRun);
        Assert.True(File.Exists(CompiledPrompt("welcome")) && File.Exists(CompiledPrompt("main-menu")));
    }

    [Fact]
    public void Changed_metadata_or_property_reruns_the_work()
    {
        AssertSucceeded(Build());

        WriteProject("Priority=\"2\"");
        var afterMetadata = Build();
        WriteProject("Priority=\"2\"", "<IvrEncoding>alaw</IvrEncoding>");
        var afterProperty = Build();
        var unchanged = Build();

        Assert.Contains(TaskName, afterMetadata.Log.TasksRun);
        Assert.Contains(TaskName, afterProperty.Log.TasksRun);
        Assert.DoesNotContain(TaskName, unchanged.Log.TasksRun);
    }

    [Fact]
    public void Prompts_are_inputs_of_the_Visual_Studio_up_to_date_check()
    {
        using var projects = new ProjectCollection();
        var project = projects.LoadProject(ProjectFile);

        var inputs = project.GetItems("UpToDateCheckInput").Select(i => i.EvaluatedInclude).ToArray();

        Assert.Equal(project.GetItems("IvrPrompt").Select(i => i.EvaluatedInclude).Order(), inputs.Order());
        Assert.Equal(2, inputs.Length);
    }

    [Fact]
    public void Design_time_build_does_nothing()
    {
        var build = Build(new Dictionary<string, string> { ["DesignTimeBuild"] = "true" });

        AssertSucceeded(build);
        Assert.DoesNotContain(TaskName, build.Log.TasksRun);
        Assert.False(Directory.Exists(_project.Combine("obj", "ivr")));
    }

    [Fact]
    public void Invalid_prompt_fails_the_build_with_its_code_and_file()
    {
        var broken = TestAudio.WriteNotAudio(_project.Combine("prompts", "broken.wav"));

        var build = Build();

        Assert.Equal(BuildResultCode.Failure, build.Result.OverallResult);
        Assert.NotEmpty(build.Log.Errors);
        Assert.All(build.Log.Errors, e =>
        {
            Assert.StartsWith("IVR1", e.Code);
            Assert.Equal(broken, e.File);
        });
        Assert.False(File.Exists(_project.Combine("obj", "ivr", "compile.stamp")));
    }

    [Fact]
    public void Bad_setting_fails_with_an_IVR2_code()
    {
        WriteProject("", "<IvrCompileTimeout>a while</IvrCompileTimeout>");

        var build = Build();

        Assert.Equal(BuildResultCode.Failure, build.Result.OverallResult);
        Assert.Equal("IVR2003", Assert.Single(build.Log.Errors).Code);
    }

    [Fact]
    public void Missing_task_assembly_is_IVR2031()
    {
        var build = Build(new Dictionary<string, string> { ["IvrTaskAssembly"] = _project.Combine("nowhere", "MediaCompiler.Build.dll") });

        Assert.Equal(BuildResultCode.Failure, build.Result.OverallResult);
        Assert.Equal("IVR2031", Assert.Single(build.Log.Errors).Code);
    }
}
