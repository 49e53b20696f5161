namespace MediaCompiler.Diagnostics;

// IVR4xxx: talking to a media engine (HTTP or in-process): authentication, transport, timeouts, rejected requests.
// None of these messages may ever contain a secret or a token; they name the client id and URLs only.
public static partial class DiagnosticCatalog
{
    /// <summary>{0} client id, {1} token URL, {2} HTTP status.</summary>
    public static readonly DiagnosticDescriptor RemoteAuthenticationFailed = new(
        "IVR4001", DiagnosticSeverity.Error, "Authentication with the media engine failed",
        "The media engine refused the credentials of client id '{0}' at {1} (HTTP {2}).",
        "Check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (an OAuth client-credentials grant of the same region as GENESYS_BASE_URL).");

    /// <summary>{0} method and URL, {1} engine message.</summary>
    public static readonly DiagnosticDescriptor RemoteForbidden = new(
        "IVR4002", DiagnosticSeverity.Error, "Media engine access forbidden",
        "The media engine answered 403 Forbidden to {0}: {1}",
        "Give the OAuth client a role with the media permissions (upload, compile) or the missing scope.");

    /// <summary>{0} URL, {1} underlying error.</summary>
    public static readonly DiagnosticDescriptor RemoteUnreachable = new(
        "IVR4003", DiagnosticSeverity.Error, "Media engine unreachable",
        "Could not connect to the media engine at {0}: {1}",
        "Check GENESYS_BASE_URL (or the IvrEngineUrl property), that the engine is running, and the network/proxy.");

    /// <summary>{0} method and URL, {1} attempts, {2} per-attempt timeout in seconds.</summary>
    public static readonly DiagnosticDescriptor RemoteTimedOut = new(
        "IVR4004", DiagnosticSeverity.Error, "Media engine request timed out",
        "{0} timed out after {1} attempt(s) of {2} s each.",
        "Check that the engine is healthy and reachable at that address (a proxy or firewall that holds connections open looks like this), then build again.");

    /// <summary>{0} method and URL, {1} attempts.</summary>
    public static readonly DiagnosticDescriptor RemoteRateLimited = new(
        "IVR4005", DiagnosticSeverity.Error, "Media engine rate limit",
        "{0} was still rate limited (HTTP 429) after {1} attempt(s).",
        "Wait a minute and build again; avoid many concurrent builds with the same OAuth client.");

    /// <summary>{0} method and URL, {1} HTTP status, {2} attempts, {3} engine message, {4} contextId.</summary>
    public static readonly DiagnosticDescriptor RemoteServerError = new(
        "IVR4006", DiagnosticSeverity.Error, "Media engine server error",
        "{0} failed with HTTP {1} after {2} attempt(s): {3} (contextId {4}).",
        "The engine has a problem; retry later and quote the contextId to its operators if it persists.");

    /// <summary>{0} method and URL, {1} HTTP status, {2} what was wrong.</summary>
    public static readonly DiagnosticDescriptor RemoteMalformedResponse = new(
        "IVR4007", DiagnosticSeverity.Error, "Unexpected media engine response",
        "{0} answered HTTP {1} with a body that is not the expected media API JSON: {2}",
        "Check that GENESYS_BASE_URL (or IvrEngineUrl) points at the media API and not at another web site or proxy.");

    /// <summary>{0} file, {1} HTTP status, {2} engine message. Used when the engine gives no code of its own.</summary>
    public static readonly DiagnosticDescriptor RemoteUploadRejected = new(
        "IVR4008", DiagnosticSeverity.Error, "Upload rejected by the media engine",
        "The media engine rejected the upload of '{0}' ({1}): {2}",
        "Fix the prompt as the engine's message says (format, size at most 2 MiB, content hash) and build again.");

    /// <summary>{0} flow id, {1} the rejected fields, one per line.</summary>
    public static readonly DiagnosticDescriptor RemoteCompileRejected = new(
        "IVR4009", DiagnosticSeverity.Error, "Compile request rejected",
        "The media engine rejected the compile request for flow '{0}': {1}",
        "Correct the listed fields (flow id, asset ids, node ids, encoding) in the IvrPrompt items or build settings.");

    /// <summary>{0} compilation id.</summary>
    public static readonly DiagnosticDescriptor RemoteCompilationNotFound = new(
        "IVR4010", DiagnosticSeverity.Error, "Compilation not found",
        "The media engine does not know compilation '{0}' (HTTP 404).",
        "The engine may have been reset or restarted; build again to submit a new compilation.");

    /// <summary>{0} download URL, {1} reason.</summary>
    public static readonly DiagnosticDescriptor RemoteDownloadFailed = new(
        "IVR4011", DiagnosticSeverity.Error, "Compiled prompt download failed",
        "Could not download {0}: {1}",
        "Build again; if the engine no longer holds the output, the compilation is resubmitted.");

    /// <summary>{0} method and URL, {1} HTTP status, {2} engine message.</summary>
    public static readonly DiagnosticDescriptor RemoteUnexpectedStatus = new(
        "IVR4012", DiagnosticSeverity.Error, "Unexpected media engine status",
        "{0} answered HTTP {1}: {2}",
        "Check that GENESYS_BASE_URL (or IvrEngineUrl) points at a compatible media API.");

    /// <summary>{0} file, {1} reason.</summary>
    public static readonly DiagnosticDescriptor RemoteUploadFileUnreadable = new(
        "IVR4013", DiagnosticSeverity.Error, "Prompt file unreadable for upload",
        "Could not read '{0}' to upload it: {1}",
        "Make sure the file exists and is not locked by another program.");

    /// <summary>{0} method and URL.</summary>
    public static readonly DiagnosticDescriptor RemoteTokenRejected = new(
        "IVR4014", DiagnosticSeverity.Error, "Access token rejected",
        "{0} answered 401 Unauthorized even with a freshly issued access token.",
        "Check that GENESYS_CLIENT_ID / GENESYS_CLIENT_SECRET belong to the same region and organisation as GENESYS_BASE_URL.");
}
