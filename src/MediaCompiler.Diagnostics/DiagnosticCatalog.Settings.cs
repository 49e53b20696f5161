namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR2xxx: build settings (MSBuild properties), IvrPrompt item metadata, and the outcome of the build's compile job.
/// Every settings error is raised before any network work, so a typo never costs an upload.
/// </summary>
public static partial class DiagnosticCatalog
{
    // ── Properties ──────────────────────────────────────────────────────────────────────────────────────────────

    public static readonly DiagnosticDescriptor UnknownEncoding = new(
        "IVR2001", DiagnosticSeverity.Error, "Unknown output encoding",
        "IvrEncoding is '{0}', which is not an encoding the media engine compiles to (allowed: ulaw, alaw, pcmu, pcma).",
        "Set <IvrEncoding> to ulaw (the default) or alaw.");

    public static readonly DiagnosticDescriptor MissingFlowId = new(
        "IVR2002", DiagnosticSeverity.Error, "Missing flow id",
        "IvrFlowId is empty; the compile job must name the IVR flow its prompts belong to.",
        "Set <IvrFlowId>your-flow-id</IvrFlowId> in the project, or <IvrValidateOnly>true</IvrValidateOnly> to only validate.");

    public static readonly DiagnosticDescriptor InvalidCompileTimeout = new(
        "IVR2003", DiagnosticSeverity.Error, "Invalid compile timeout",
        "IvrCompileTimeout is '{0}', which is neither a positive number of seconds nor a time span (hh:mm:ss), of at most one day (86400 s).",
        "Set <IvrCompileTimeout> to e.g. 600 or 00:10:00.");

    public static readonly DiagnosticDescriptor InvalidPromptCacheSize = new(
        "IVR2010", DiagnosticSeverity.Error, "Invalid prompt cache size",
        "IvrPromptCacheSize is '{0}'; it must be a whole number of megabytes from 0 (no cache) to 1048576.",
        "Set <IvrPromptCacheSize> to e.g. 1024 (the default), or 0 to build without the prompt cache.");

    public static readonly DiagnosticDescriptor InvalidMaxParallelUploads = new(
        "IVR2004", DiagnosticSeverity.Error, "Invalid upload parallelism",
        "IvrMaxParallelUploads is '{0}'; it must be a whole number from 1 to 64.",
        "Set <IvrMaxParallelUploads> to e.g. 32 (the default).");

    public static readonly DiagnosticDescriptor InvalidBooleanSetting = new(
        "IVR2005", DiagnosticSeverity.Error, "Invalid true/false setting",
        "{0} is '{1}'; it must be true or false.",
        "Set <{0}> to true or false.");

    public static readonly DiagnosticDescriptor InvalidMaxChannels = new(
        "IVR2006", DiagnosticSeverity.Error, "Invalid channel count",
        "IvrMaxChannels is '{0}'; telephony prompts are mono, so the only accepted value is 1.",
        "Remove <IvrMaxChannels> or set it to 1.");

    public static readonly DiagnosticDescriptor InvalidEngineUrl = new(
        "IVR2007", DiagnosticSeverity.Error, "Invalid media engine URL",
        "The media engine URL '{0}' (from {1}) is not an absolute https URL (plain http is accepted only on a loopback address: the client secret must never cross a network in clear text).",
        "Set {1} to e.g. https://media.example.com, or leave it empty to compile with the embedded engine.");

    public static readonly DiagnosticDescriptor MissingEngineCredentials = new(
        "IVR2008", DiagnosticSeverity.Error, "Media engine credentials missing",
        "A media engine URL is configured ({0}) but the environment variable(s) {1} are not set; credentials are read only from the environment.",
        "Export GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (in CI, from the secret store), or remove the URL to use the embedded engine.");

    public static readonly DiagnosticDescriptor InvalidWebhookUrl = new(
        "IVR2009", DiagnosticSeverity.Error, "Invalid webhook URL",
        "IvrWebhookUrl is '{0}', which is not an absolute http or https URL.",
        "Set <IvrWebhookUrl> to e.g. https://hooks.example.com/ivr, or remove it.");

    // ── IvrPrompt item metadata ─────────────────────────────────────────────────────────────────────────────────

    public static readonly DiagnosticDescriptor DuplicateNodeId = new(
        "IVR2020", DiagnosticSeverity.Error, "Duplicate NodeId",
        "NodeId '{0}' is used by more than one IvrPrompt (also by {1}); each flow node plays exactly one prompt.",
        "Rename one of the files or give it NodeId metadata: <IvrPrompt Update=\"{2}\" NodeId=\"another-node\" />.");

    public static readonly DiagnosticDescriptor InvalidNodeId = new(
        "IVR2021", DiagnosticSeverity.Error, "Invalid NodeId",
        "NodeId '{0}' is not valid: a NodeId is 1 to 128 characters from A-Z, a-z, 0-9, '-', '_' and '.' (ASCII only: no accented letters, no spaces), starting with A-Z, a-z or 0-9.",
        "Set NodeId metadata: <IvrPrompt Update=\"{1}\" NodeId=\"{2}\" />, or rename the file.");

    public static readonly DiagnosticDescriptor InvalidPriority = new(
        "IVR2022", DiagnosticSeverity.Error, "Invalid Priority",
        "Priority is '{0}'; it must be a whole number from 1 to 10.",
        "Set Priority metadata to 1 (the default) to 10: <IvrPrompt Update=\"{1}\" Priority=\"1\" />.");

    public static readonly DiagnosticDescriptor InvalidFallbackEncoding = new(
        "IVR2023", DiagnosticSeverity.Error, "Invalid FallbackEncoding",
        "FallbackEncoding is '{0}', which is not an encoding the media engine compiles to (allowed: ulaw, alaw, pcmu, pcma).",
        "Set FallbackEncoding metadata to alaw (the default) or ulaw: <IvrPrompt Update=\"{1}\" FallbackEncoding=\"alaw\" />.");

    // ── Host ────────────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>Raised by the targets file itself (the task cannot load there), so its text lives in the targets too.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMSBuildRuntime = new(
        "IVR2030", DiagnosticSeverity.Error, "MSBuild too old for the task",
        "MediaCompiler.Build needs .NET to run its task; this MSBuild {0} runs on .NET Framework and cannot start a .NET task host (MSBuild 18 or newer can).",
        "Build with `dotnet build` (any .NET 8+ SDK) or update Visual Studio to a version with MSBuild 18.");

    /// <summary>Raised by the targets file itself: without the task assembly there is no task to report it.</summary>
    public static readonly DiagnosticDescriptor TaskAssemblyMissing = new(
        "IVR2031", DiagnosticSeverity.Error, "Task assembly missing",
        "The MediaCompiler.Build task assembly was not found at '{0}' (IvrTaskAssembly).",
        "Restore the package again (dotnet restore --force), or point IvrTaskAssembly at a built MediaCompiler.Build.dll.");

    // ── The build's compile job ─────────────────────────────────────────────────────────────────────────────────

    public static readonly DiagnosticDescriptor CompileJobFailed = new(
        "IVR2100", DiagnosticSeverity.Error, "Compile job failed",
        "The media engine's compile job {0} for flow '{1}' ended FAILED: {2}",
        "Read the engine's message above; rebuild once it is fixed (uploaded assets are reused).");

    public static readonly DiagnosticDescriptor InvalidSyncTimeout = new(
        "IVR2011", DiagnosticSeverity.Error, "Invalid network deadline",
        "IvrSyncTimeout is '{0}', which is neither a positive number of seconds nor a time span (hh:mm:ss), of at most one day (86400 s).",
        "Set <IvrSyncTimeout> to e.g. 1800 or 00:30:00 (the default).");

    public static readonly DiagnosticDescriptor SyncTimedOut = new(
        "IVR2104", DiagnosticSeverity.Error, "Network work took too long",
        "The build's work with {0} did not finish within IvrSyncTimeout ({1}); it stopped while {2}. Retries, token requests and waits all count toward this deadline.",
        "Build again later (what was uploaded is reused, so the next build goes further), check the platform's status, or raise <IvrSyncTimeout>.");

    public static readonly DiagnosticDescriptor CompileTimedOut = new(
        "IVR2101", DiagnosticSeverity.Error, "Compile job timed out",
        "The media engine's compile job {0} for flow '{1}' did not finish within IvrCompileTimeout ({2}); its last status was {3}.",
        "Rebuild later (uploads are reused), or raise <IvrCompileTimeout> if large flows need longer.");

    public static readonly DiagnosticDescriptor CompileResultMissing = new(
        "IVR2102", DiagnosticSeverity.Error, "Prompt missing from the compile result",
        "The compile job {0} completed but returned no result for NodeId '{1}'.",
        "Rebuild; if it persists, report it to the media engine's operators with the compilation id.");

    public static readonly DiagnosticDescriptor EngineRequestFailed = new(
        "IVR2103", DiagnosticSeverity.Error, "Media engine call failed",
        "{0} failed: {1}",
        "Check the engine URL and that the engine is reachable, then rebuild.");
}
