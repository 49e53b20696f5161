using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.InProcess;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Task = Microsoft.Build.Utilities.Task;

namespace MediaCompiler.Build;

/// <summary>
/// Validates, uploads and compiles the project's IvrPrompt items (see build/MediaCompiler.Build.targets). A thin
/// adapter: every decision lives in MediaCompiler.Pipeline, where it is tested without MSBuild.
/// </summary>
/// <remarks>
/// Settings are plain strings on purpose: MSBuild's own conversion of a bad value ("ten" for an int) fails with a
/// generic MSB error, while the pipeline reports a coded IVR2xxx error that names the property and the fix.
/// Credentials are NOT parameters: they are read from the environment here, so they never appear in a property,
/// a binary log or a project file.
/// </remarks>
public sealed class CompileIvrPrompts : Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The IvrPrompt items, with optional NodeId, Priority and FallbackEncoding metadata.</summary>
    [Required]
    public ITaskItem[] Prompts { get; set; } = [];

    public string? FlowId { get; set; }
    public string? Encoding { get; set; }
    public string? WebhookUrl { get; set; }
    public string? EnableOptimization { get; set; }
    public string? StripMetadata { get; set; }
    public string? NormalizeVolume { get; set; }
    public string? MaxChannels { get; set; }
    public string? CompileTimeout { get; set; }
    public string? MaxParallelUploads { get; set; }
    public string? PromptCacheSize { get; set; }
    public string? SyncTimeout { get; set; }
    public string? EngineUrl { get; set; }
    public string? ValidateOnly { get; set; }
    /// <summary>IvrPlanOnly: say what the build would change, from read requests only; change nothing.</summary>
    public string? PlanOnly { get; set; }
    /// <summary>IvrPlanFile: where to write the plan as JSON; empty: printed only.</summary>
    public string? PlanFile { get; set; }
    public string? DownloadCompiledPrompts { get; set; }
    public string? CompiledPromptsDirectory { get; set; }
    public string? AuditLogPath { get; set; }
    public string? CacheDirectory { get; set; }
    public string? QualityChecks { get; set; }
    public string? TargetSpeechLevel { get; set; }
    public string? SpeechLevelTolerance { get; set; }
    public string? MaxClippedSamples { get; set; }
    public string? MaxLeadingSilence { get; set; }
    public string? MaxTrailingSilence { get; set; }
    public string? MaxDcOffset { get; set; }
    public string? MaxPromptSeconds { get; set; }
    public string? MaxLevelSpread { get; set; }

    /// <summary>IvrPlatform: MediaApi (default) or GenesysCloud.</summary>
    public string? Platform { get; set; }
    public string? DefaultLanguage { get; set; }
    public string? GenesysRegion { get; set; }
    public string? GenesysDivision { get; set; }
    public string? GenesysRequestsPerMinute { get; set; }
    public string? GenesysConvertAudio { get; set; }
    public string? GenesysCheckFlows { get; set; }
    public string? GenesysDeleteOrphans { get; set; }
    public string? GenesysDownloadPrompts { get; set; }

    /// <summary>The item index the targets read on every build (see <see cref="PromptManifest"/>).</summary>
    public string? ItemIndexFile { get; set; }

    /// <summary>
    /// Where the SDK copies the compiled prompts in the output folder, when IvrLinkCompiledPrompts is on: the task puts
    /// hard links there first (<see cref="OutputLinks"/>). Empty: the SDK copies them.
    /// </summary>
    public string? OutputLinkDirectory { get; set; }

    /// <summary>
    /// IvrPromptsTargetFolder (its default is the targets'): the compiled prompts' items carry their place under it
    /// (TargetPath), as the item index does.
    /// </summary>
    public string? PromptsTargetFolder { get; set; }

    /// <summary>
    /// The project being built: where settings and engine errors are reported, and the name on progress lines. Passed
    /// in because a task host process (IvrRunTaskOutOfProcess) does not know the project of its task node.
    /// </summary>
    public string? ProjectFile { get; set; }

    /// <summary>docs/diagnostics.md (the package's copy): every reported code links to its entry there.</summary>
    public string? HelpDocumentUrl { get; set; }

    /// <summary>IvrSarifLog: where to write this run's diagnostics as SARIF 2.1.0 (for code scanning); empty: nowhere.</summary>
    public string? SarifLog { get; set; }

    /// <summary>
    /// The compiled prompts written to <see cref="CompiledPromptsDirectory"/>, with NodeId, Language, SourcePrompt,
    /// Encoding, ContentHash, AssetId and CompilationId metadata.
    /// </summary>
    [Output]
    public ITaskItem[] CompiledPrompts { get; private set; } = [];

    /// <summary>
    /// True when the run succeeded without any warning: only then do the targets write the stamp that makes the next
    /// build skip the work. A warning may have been promoted to an error that fails the build (-warnaserror), and the
    /// task cannot tell: Log.HasLoggedErrors relies on IBuildEngine8.ShouldTreatWarningAsError, which answers false for
    /// every code once the project lists any WarningsAsErrors of its own (the SDK adds NU1605), while the command-line
    /// -warnaserror still promotes them all. So a run that warned is redone by the next build, which also reports its
    /// warnings again instead of hiding them behind an up-to-date check.
    /// </summary>
    [Output]
    public bool CompletedWithoutWarnings { get; private set; }

    /// <summary>Reads environment variables; replaced by tests so they never touch the process environment.</summary>
    internal Func<string, string?> ReadEnvironment { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Opens the engine client; replaced by tests to script the engine's answers.</summary>
    internal Func<EngineConnection, IPipelineLog, MediaCompiler.Client.IMediaEngineClient> ConnectEngine { get; set; } =
        (engine, log) => EngineClientFactory.Create(engine, log, () => InProcessMediaEngineClient.StartNew(
            // The engine turns its own failures into IVR3011 on the prompt; the stack goes to the detailed log here.
            incident => log.Info($"Media engine incident while {incident.What}: {incident.Exception}")));

    /// <summary>Opens the Genesys Cloud platform; replaced by tests to route its HTTP through a handler.</summary>
    internal Func<GenesysBuildSettings, IPromptPlatform> ConnectGenesys { get; set; } = genesys => new GenesysPlatform(genesys);

    /// <summary>Ctrl+C: stops uploads and polling at once; Execute then returns false.</summary>
    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var log = new MSBuildPipelineLog(Log, string.IsNullOrEmpty(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile, HelpDocumentUrl);
        try
        {
            return Run(log);
        }
        finally
        {
            WriteSarifLog(log);
        }
    }

    private bool Run(MSBuildPipelineLog log)
    {
        try
        {
            var parsed = SettingsParser.Parse(ReadSettings(), ReadPrompts(), ReadEnvironment, new GenesysSettingsParser(ReadGenesysSettings()));
            foreach (var diagnostic in parsed.Diagnostics)
            {
                log.Report(diagnostic);
            }
            if (parsed.Settings is not { } settings)
            {
                return false;
            }
            if (parsed.HasItemErrors)
            {
                // A wrong item (name, language...) must not hide a file's problems: one build reports both, and stops
                // before any network work.
                new PromptPipeline(settings, log).ReportFileProblems(parsed.Prompts, _cancellation.Token);
                return false;
            }

            var result = RunYieldingNode(settings, parsed.Prompts, log);
            if (result.Succeeded && settings is { ValidateOnly: false, PlanOnly: false, CompiledPromptsDirectory: { } directory })
            {
                PublishCompiledPrompts(result, parsed.Prompts, settings, directory, log);
            }
            var succeeded = result.Succeeded && !Log.HasLoggedErrors;
            // See CompletedWithoutWarnings: whether a warning was promoted to an error cannot be known here.
            // A plan changed nothing: the next real build must still run (its stamp stays untouched).
            CompletedWithoutWarnings = succeeded && !log.HasLoggedWarnings && !settings.PlanOnly;
            return succeeded;
        }
        catch (Exception ex) when (MSBuildCancellation.IsBuildAborted(ex))
        {
            throw; // MSBuild's own cancellation, which it reports itself: not our bug (see MSBuildCancellation)
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.BuildCancelled, null, ""));
            return false;
        }
        catch (Exception ex)
        {
            // The pipeline reports every expected failure (files, settings, engine answers) itself, so whatever reaches
            // here is a bug of ours: IVR9001, never blamed on the engine, with the stack trace at detailed verbosity.
            log.Report(Diagnostic.Create(DiagnosticCatalog.InternalError, null, "compiling IVR prompts", ex.GetType().FullName, ex.Message));
            log.Info(ex.ToString());
            return false;
        }
    }

    /// <summary>
    /// IvrSarifLog: the run's diagnostics, the same results <c>ivr-media validate --sarif</c> writes for the same files
    /// (one writer, <see cref="Diagnostics.Output.SarifLog"/>), written atomically. A path that cannot be written is a
    /// warning: the record is not the work.
    /// </summary>
    private void WriteSarifLog(MSBuildPipelineLog log)
    {
        if (string.IsNullOrWhiteSpace(SarifLog))
        {
            return;
        }
        var path = Path.GetFullPath(SarifLog.Trim());
        try
        {
            var version = typeof(CompileIvrPrompts).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var sarif = Diagnostics.Output.SarifLog.Write(log.Reported.Select(d => (d.File ?? "", d)), "MediaCompiler.Build", version, HelpDocumentUrl ?? "");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            MediaCompiler.Storage.AtomicFile.WriteAllText(path, sarif);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.SarifLogNotWritten, null, path, ex.Message));
        }
    }

    /// <summary>
    /// Runs the pipeline with this task's build node yielded: uploads and polling may take up to IvrCompileTimeout,
    /// and meanwhile MSBuild may build other projects on the node. Validation-only runs do no network work, so they
    /// keep it.
    /// </summary>
    private PipelineResult RunYieldingNode(PipelineSettings settings, IReadOnlyList<PromptInput> prompts, MSBuildPipelineLog log)
    {
        var yielding = settings.ValidateOnly ? null : BuildEngine as IBuildEngine3;
        yielding?.Yield();
        try
        {
            if (settings.PlatformSettings is GenesysBuildSettings genesys)
            {
                return new PromptPipeline(settings, log)
                    .RunOnPlatformAsync(prompts, () => ConnectGenesys(genesys), _cancellation.Token)
                    .GetAwaiter().GetResult();
            }
            return new PromptPipeline(settings, log)
                .RunAsync(prompts, () => ConnectEngine(settings.Engine, log), _cancellation.Token)
                .GetAwaiter().GetResult();
        }
        finally
        {
            yielding?.Reacquire();
        }
    }

    /// <summary>Writes the manifest and the item index and sets <see cref="CompiledPrompts"/>.</summary>
    private void PublishCompiledPrompts(PipelineResult result, IReadOnlyList<PromptInput> prompts, PipelineSettings settings, string directory, MSBuildPipelineLog log)
    {
        var records = CompiledPromptRecords.From(result, prompts, Prompts, settings);
        var indexFile = string.IsNullOrWhiteSpace(ItemIndexFile) ? Path.Combine(directory, "prompts.items.props") : ItemIndexFile;
        IReadOnlyList<string> removed;
        try
        {
            removed = PromptManifest.RemoveStale(records, directory, indexFile, log);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.ManifestNotWritten, indexFile, indexFile, "a compiled prompt of the last build could not be removed: " + ex.Message));
            return;
        }
        if (PromptManifest.Write(records, directory, indexFile, settings.FlowId) is { } failure)
        {
            log.Report(failure);
            return;
        }
        CompiledPrompts = records.Select(r => ToItem(r, directory, PromptsTargetFolder ?? "")).ToArray();
        if (!string.IsNullOrWhiteSpace(OutputLinkDirectory))
        {
            OutputLinks.Place(records, directory, OutputLinkDirectory, log, removed);
        }
    }

    private static ITaskItem ToItem(CompiledPromptRecord record, string compiledPromptsDirectory, string targetFolder)
    {
        ITaskItem2 item = new TaskItem(record.CompiledPath);
        // Literal values: SetMetadata would read a '%' in a file name as the start of an MSBuild escape.
        foreach (var (name, value) in PromptItemIndex.Metadata(record, compiledPromptsDirectory))
        {
            item.SetMetadataValueLiteral(name, value);
        }
        var (placeName, place) = PromptItemIndex.OutputPlace(item.GetMetadata("IvrRelativePath"), targetFolder, path => path);
        item.SetMetadataValueLiteral(placeName, place);
        return item;
    }

    private RawBuildSettings ReadSettings() => new()
    {
        FlowId = FlowId,
        Encoding = Encoding,
        WebhookUrl = WebhookUrl,
        EnableOptimization = EnableOptimization,
        StripMetadata = StripMetadata,
        NormalizeVolume = NormalizeVolume,
        MaxChannels = MaxChannels,
        CompileTimeout = CompileTimeout,
        MaxParallelUploads = MaxParallelUploads,
        PromptCacheSize = PromptCacheSize,
        SyncTimeout = SyncTimeout,
        EngineUrl = EngineUrl,
        ValidateOnly = ValidateOnly,
        PlanOnly = PlanOnly,
        PlanFile = PlanFile,
        DownloadCompiledPrompts = DownloadCompiledPrompts,
        CompiledPromptsDirectory = CompiledPromptsDirectory,
        AuditLogPath = AuditLogPath,
        CacheDirectory = CacheDirectory,
        QualityChecks = QualityChecks,
        TargetSpeechLevel = TargetSpeechLevel,
        SpeechLevelTolerance = SpeechLevelTolerance,
        MaxClippedSamples = MaxClippedSamples,
        MaxLeadingSilence = MaxLeadingSilence,
        MaxTrailingSilence = MaxTrailingSilence,
        MaxDcOffset = MaxDcOffset,
        MaxPromptSeconds = MaxPromptSeconds,
        MaxLevelSpread = MaxLevelSpread,
        Platform = Platform,
    };

    private RawGenesysSettings ReadGenesysSettings() => new()
    {
        DefaultLanguage = DefaultLanguage,
        GenesysRegion = GenesysRegion,
        GenesysDivision = GenesysDivision,
        GenesysRequestsPerMinute = GenesysRequestsPerMinute,
        GenesysConvertAudio = GenesysConvertAudio,
        GenesysCheckFlows = GenesysCheckFlows,
        GenesysDeleteOrphans = GenesysDeleteOrphans,
        GenesysDownloadPrompts = GenesysDownloadPrompts,
    };

    private RawPrompt[] ReadPrompts() => Prompts
        .Select(item => new RawPrompt(
            item.GetMetadata("FullPath"),
            item.ItemSpec,
            item.GetMetadata("NodeId"),
            item.GetMetadata("Priority"),
            item.GetMetadata("FallbackEncoding"))
        {
            PromptName = item.GetMetadata("PromptName"),
            Language = item.GetMetadata("Language"),
            Text = item.GetMetadata("Text"),
            TtsText = item.GetMetadata("TtsText"),
            Description = item.GetMetadata("Description"),
        })
        .ToArray();
}
