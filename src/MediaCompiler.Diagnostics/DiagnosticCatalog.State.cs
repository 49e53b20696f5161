namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR5xxx: the build's local state (the prompt cache, the audit log, compiled outputs). State is never trusted
/// blindly: a damaged file is discarded with a warning and rebuilt, never allowed to fail or mislead a build.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor AuditLogWriteFailed = new(
        "IVR5003", DiagnosticSeverity.Warning, "Audit line not written",
        "The audit log '{0}' could not be appended to ({1}).",
        "Check that the file is writable (IvrAuditLogPath).");

    public static readonly DiagnosticDescriptor CompiledPromptWriteFailed = new(
        "IVR5004", DiagnosticSeverity.Error, "Compiled prompt not saved",
        "The compiled prompt for NodeId '{0}' could not be saved to '{1}': {2}",
        "Check that the output folder is writable, or set <IvrDownloadCompiledPrompts>false</IvrDownloadCompiledPrompts>.");

    public static readonly DiagnosticDescriptor BuildCancelled = new(
        "IVR5005", DiagnosticSeverity.Warning, "Prompt compilation cancelled",
        "Prompt compilation was cancelled{0}.",
        "Rebuild to finish; uploaded assets are reused.");

    public static readonly DiagnosticDescriptor SarifLogNotWritten = new(
        "IVR5006", DiagnosticSeverity.Warning, "SARIF log not written",
        "The SARIF log '{0}' could not be written: {1}",
        "Point IvrSarifLog at a writable file path (a folder that exists or can be created).");

    public static readonly DiagnosticDescriptor CorruptPromptCacheEntry = new(
        "IVR5007", DiagnosticSeverity.Warning, "Prompt cache entry discarded",
        "The prompt cache entry '{0}' could not be used ({1}); it was deleted and the prompt is checked and compiled again.",
        "Nothing to do: this build writes the entry again. If the warning repeats, delete the cache folder (IvrCacheDirectory, by default obj/<configuration>/<framework>/ivr/).");

    public static readonly DiagnosticDescriptor PromptCacheUnusable = new(
        "IVR5008", DiagnosticSeverity.Warning, "Prompt cache not written",
        "The prompt cache in '{0}' could not be used ({1}); prompts whose entries are missing are checked and compiled again next build.",
        "Check that IvrCacheDirectory is on a writable disk with free space, or set <IvrPromptCacheSize>0</IvrPromptCacheSize> to build without the cache.");

    public static readonly DiagnosticDescriptor OutputFolderNotWritable = new(
        "IVR5009", DiagnosticSeverity.Error, "Compiled prompts folder not writable",
        "The folder for compiled prompts '{0}' cannot be written ({1}); checked before any upload, so nothing was sent.",
        "Make the folder writable (its permissions, a read-only disk, free space), or point <IvrCompiledPromptsDirectory> at a writable folder.");

    public static readonly DiagnosticDescriptor DiskFull = new(
        "IVR5010", DiagnosticSeverity.Error, "Disk full",
        "'{0}' could not be written: the disk is full ({1}). Nothing is wrong with the prompt or with this tool.",
        "Free space on the disk that holds '{0}' (or point the output at another disk) and run again.");

    /// <summary>Raised by the targets file itself (the index is read at evaluation, before any task), so its text lives in the targets too.</summary>
    public static readonly DiagnosticDescriptor ItemIndexUnreadable = new(
        "IVR5011", DiagnosticSeverity.Warning, "Item index unreadable",
        "The item index of the last build, '{0}', is damaged (cut short, emptied or overwritten), so it was ignored; it was deleted and the prompts are compiled again.",
        "Nothing to do: this build writes it again. If the warning repeats, check the disk that holds the obj folder.");

    public static readonly DiagnosticDescriptor PlanFileNotWritten = new(
        "IVR5020", DiagnosticSeverity.Error, "Plan file not written",
        "The plan file '{0}' (IvrPlanFile) could not be written: {1}",
        "Point <IvrPlanFile> at a writable file path (a folder that exists or can be created).");
}
