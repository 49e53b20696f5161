using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.InProcess;
using MediaCompiler.Pipeline;
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
    public string? EngineUrl { get; set; }
    public string? ValidateOnly { get; set; }
    public string? DownloadCompiledPrompts { get; set; }
    public string? CompiledPromptsDirectory { get; set; }
    public string? AuditLogPath { get; set; }
    public string? CacheDirectory { get; set; }

    /// <summary>The compiled prompts written to <see cref="CompiledPromptsDirectory"/> (for FileWrites).</summary>
    [Output]
    public ITaskItem[] CompiledPrompts { get; private set; } = [];

    /// <summary>Reads environment variables; replaced by tests so they never touch the process environment.</summary>
    internal Func<string, string?> ReadEnvironment { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Opens the engine client; replaced by tests to script the engine's answers.</summary>
    internal Func<EngineConnection, IPipelineLog, MediaCompiler.Client.IMediaEngineClient> ConnectEngine { get; set; } =
        (engine, log) => EngineClientFactory.Create(engine, log, InProcessMediaEngineClient.StartNew);

    /// <summary>Ctrl+C: stops uploads and polling at once; Execute then returns false.</summary>
    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var log = new MSBuildPipelineLog(Log);
        try
        {
            var parsed = SettingsParser.Parse(ReadSettings(), ReadPrompts(), ReadEnvironment);
            foreach (var diagnostic in parsed.Diagnostics)
            {
                log.Report(diagnostic);
            }
            if (parsed.Settings is not { } settings)
            {
                return false;
            }

            var pipeline = new PromptPipeline(settings, log);
            var result = pipeline
                .RunAsync(parsed.Prompts, () => ConnectEngine(settings.Engine, log), _cancellation.Token)
                .GetAwaiter().GetResult();
            CompiledPrompts = result.WrittenFiles.Select(path => (ITaskItem)new TaskItem(path)).ToArray();
            return result.Succeeded && !Log.HasLoggedErrors;
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
        EngineUrl = EngineUrl,
        ValidateOnly = ValidateOnly,
        DownloadCompiledPrompts = DownloadCompiledPrompts,
        CompiledPromptsDirectory = CompiledPromptsDirectory,
        AuditLogPath = AuditLogPath,
        CacheDirectory = CacheDirectory,
    };

    private RawPrompt[] ReadPrompts() => Prompts
        .Select(item => new RawPrompt(
            item.GetMetadata("FullPath"),
            item.ItemSpec,
            item.GetMetadata("NodeId"),
            item.GetMetadata("Priority"),
            item.GetMetadata("FallbackEncoding")))
        .ToArray();
}
