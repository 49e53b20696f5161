namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR3400-3449: refusals of an engine server that protects itself (caps, webhook targets, its data directory, damaged
/// stored bytes); IVR5100-5119: the build's shared state under concurrency and its request budget.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EngineJobTooManyEntries = new(
        "IVR3400", DiagnosticSeverity.Error, "Compile job too large",
        "The compile request has {0} media entries; the engine accepts at most {1} per job.",
        "Split the prompts over several flows or builds of at most that many prompts, or raise the engine's MaxEntriesPerJob.");

    public static readonly DiagnosticDescriptor EngineLookupTooManyHashes = new(
        "IVR3401", DiagnosticSeverity.Error, "Look-up too large",
        "The asset look-up names {0} content hashes; the engine accepts at most {1} per request.",
        "Send the hashes in several look-ups of at most that many (the build's client does so by itself).");

    public static readonly DiagnosticDescriptor EngineQueueFull = new(
        "IVR3402", DiagnosticSeverity.Error, "Compile queue full",
        "The engine already holds {0} unfinished compile job(s) ({1}); it accepts at most {2}.",
        "Wait for running builds to finish and build again (the answer carries Retry-After), or raise the engine's queue cap.");

    public static readonly DiagnosticDescriptor EngineWebhookRefused = new(
        "IVR3403", DiagnosticSeverity.Error, "Webhook URL refused",
        "The webhookUrl '{0}' is refused: {1}.",
        "Give an absolute http or https URL of a receiver other than the engine itself (for a loopback receiver in tests, set Webhooks:LoopbackOnly).");

    public static readonly DiagnosticDescriptor EngineDataDirectoryLocked = new(
        "IVR3404", DiagnosticSeverity.Error, "Data directory in use",
        "The engine data directory '{0}' is in use by another engine ({1}).",
        "Stop that process, or give this engine a data directory of its own: two engines on one directory corrupt each other.");

    public static readonly DiagnosticDescriptor EngineOutputDamaged = new(
        "IVR3405", DiagnosticSeverity.Error, "Compiled output damaged",
        "The stored output for node '{1}' of compile job {0} no longer matches its hash {2} (read {3}); it is not served.",
        "Submit the compile job again: the engine compiles the asset anew.");

    public static readonly DiagnosticDescriptor EngineAssetRepaired = new(
        "IVR3406", DiagnosticSeverity.Warning, "Damaged asset replaced",
        "The stored content of asset {0} no longer matched its hash {1}; it was replaced by the bytes just uploaded.",
        "Nothing to do; check the engine's disk if this repeats.");

    public static readonly DiagnosticDescriptor EngineArchiveRequestInvalid = new(
        "IVR3407", DiagnosticSeverity.Error, "Output archive request invalid",
        "The output archive request for compile job {0} is invalid: {1}.",
        "Send {{\"nodeIds\": [...]}} with at least one node id of a READY result of that job.");

    public static readonly DiagnosticDescriptor EngineTokenRequestMalformed = new(
        "IVR3408", DiagnosticSeverity.Error, "Token request unreadable",
        "The token request body could not be read: {0}.",
        "Send grant_type=client_credentials, client_id and client_secret as application/x-www-form-urlencoded (or well-formed multipart/form-data).");

    public static readonly DiagnosticDescriptor RequestBudgetWait = new(
        "IVR5101", DiagnosticSeverity.Info, "Waiting for the request budget",
        "Waiting {0} s before the next request to the engine: its budget is {1} request(s) per {2} s.",
        "Nothing to do; if builds wait often, raise the engine's rate limit (Emulator:RateLimit:RequestsPerWindow).");

    public static readonly DiagnosticDescriptor EngineClientQueueFull = new(
        "IVR3409", DiagnosticSeverity.Error, "Your compile queue is full",
        "This client already has {0} unfinished compile job(s) on the engine; it accepts at most {1} per client.",
        "Wait for your running jobs to finish (the answer carries Retry-After; builds retry on their own), or run fewer builds against the engine at once.");

    public static readonly DiagnosticDescriptor EngineBatchTooManyFiles = new(
        "IVR3410", DiagnosticSeverity.Error, "Batch upload too large",
        "The batch upload holds {0} files; the engine accepts at most {1} per request.",
        "Send the files in several batches of at most that many (the build's client does so by itself), or one by one to POST /api/v2/media/assets.");
}
