namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR6xxx: Genesys Cloud Architect user prompts (IvrPlatform=GenesysCloud): region and credentials, the platform's
/// answers, uploads, transcoding, flows that still play old audio, and orphaned prompts.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor GenesysUnknownRegion = new(
        "IVR6001", DiagnosticSeverity.Error, "Unknown Genesys Cloud region",
        "IvrGenesysRegion '{0}' is not a Genesys Cloud region domain.",
        "Use one of: {1}; or set GENESYS_BASE_URL to the org's https://api.<domain> address.");

    public static readonly DiagnosticDescriptor GenesysBaseUrlInvalid = new(
        "IVR6002", DiagnosticSeverity.Error, "Genesys base URL unusable",
        "The Genesys Cloud base URL '{0}' is unusable: {1}.",
        "Use https://api.<region domain>/ (plain http only for a loopback emulator), or set IvrGenesysRegion instead.");

    public static readonly DiagnosticDescriptor GenesysCredentialsMissing = new(
        "IVR6003", DiagnosticSeverity.Error, "Genesys credentials missing",
        "No Genesys Cloud OAuth client credentials: {0} is empty.",
        "Set GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (a client-credentials OAuth client with the architect scope) in the build's environment.");

    public static readonly DiagnosticDescriptor GenesysAuthenticationFailed = new(
        "IVR6004", DiagnosticSeverity.Error, "Genesys authentication failed",
        "Genesys Cloud refused the client credentials of OAuth client '{0}' at {1} (HTTP {2}: {3}).",
        "Check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET, that the OAuth client uses the Client Credentials grant, and that it belongs to the org of region '{4}'.");

    public static readonly DiagnosticDescriptor GenesysTokenThrottled = new(
        "IVR6005", DiagnosticSeverity.Error, "Genesys token endpoint throttled",
        "The Genesys Cloud token endpoint {0} kept answering 400 invalid_request (rate limit) after {1} attempts over {2:0} s.",
        "Wait a minute and build again; make sure no other job requests tokens for OAuth client '{3}' in a loop.");

    public static readonly DiagnosticDescriptor GenesysRateLimited = new(
        "IVR6006", DiagnosticSeverity.Error, "Genesys rate limit not recovered",
        "{0} was still answered 429 after {1} attempts (last Retry-After: {2}).",
        "Lower IvrGenesysRequestsPerMinute so the build stays under the org's limit, or build again when other API clients of the org are quieter.");

    public static readonly DiagnosticDescriptor GenesysServerError = new(
        "IVR6007", DiagnosticSeverity.Error, "Genesys server error",
        "{0} failed with HTTP {1} after {2} attempts: {3} (contextId {4}).",
        "Build again later; if it persists, give the contextId to Genesys Cloud support.");

    public static readonly DiagnosticDescriptor GenesysUnreachable = new(
        "IVR6008", DiagnosticSeverity.Error, "Genesys Cloud unreachable",
        "{0} could not be reached: {1}.",
        "Check the network, proxy and firewall (allow api.<domain>, login.<domain> and apps.<domain>), and IvrGenesysRegion.");

    public static readonly DiagnosticDescriptor GenesysTimedOut = new(
        "IVR6009", DiagnosticSeverity.Error, "Genesys request timed out",
        "{0} got no answer within {1:0.#} s (attempt {2}).",
        "Raise IvrGenesysRequestTimeout, or build again when the network is faster.");

    public static readonly DiagnosticDescriptor GenesysUnexpectedStatus = new(
        "IVR6010", DiagnosticSeverity.Error, "Genesys refused a request",
        "{0} answered HTTP {1}: {2} (code '{3}', contextId {4}).",
        "Read the platform's message above; for 403 give the OAuth client the architect:userPrompt:view/add/edit/delete permissions and architect:dependencyTracking:view.");

    public static readonly DiagnosticDescriptor GenesysMalformedResponse = new(
        "IVR6011", DiagnosticSeverity.Error, "Genesys answer unreadable",
        "{0} answered HTTP {1} with a body that is not the documented JSON: {2}.",
        "Check that the base URL points at the Genesys Cloud API (https://api.<domain>), not a proxy's login page.");

    public static readonly DiagnosticDescriptor GenesysPromptConflictUnresolved = new(
        "IVR6012", DiagnosticSeverity.Error, "Prompt name taken but not found",
        "Creating prompt '{0}' answered 409 (name in use), yet {1} name queries over {2:0} s did not return a prompt named exactly '{0}'.",
        "The name may differ only in letter case from an existing prompt; rename one of them, or build again once the org's search index has caught up.");

    public static readonly DiagnosticDescriptor GenesysUploadFailed = new(
        "IVR6013", DiagnosticSeverity.Error, "Prompt audio upload failed",
        "Uploading the audio of prompt '{0}' ({1}) failed: HTTP {2} after {3} attempts: {4}.",
        "Check the file is a WAV of at most 25 MB; for 401/403 give the OAuth client architect:userPrompt:edit; otherwise build again.");

    public static readonly DiagnosticDescriptor GenesysUploadUriUntrusted = new(
        "IVR6014", DiagnosticSeverity.Error, "Upload address not trusted",
        "The platform gave prompt '{0}' ({1}) the upload address '{2}', which is not on the org's apps.<domain> or API host; the token was not sent there.",
        "Check IvrGenesysRegion / GENESYS_BASE_URL: they must name the org's own region.");

    public static readonly DiagnosticDescriptor GenesysUploadAddressMissing = new(
        "IVR6031", DiagnosticSeverity.Error, "No upload address for the prompt",
        "The platform gave prompt '{0}' ({1}) no way to upload its audio: the uploads route POST /api/v2/architect/prompts/{{promptId}}/resources/{{languageCode}}/uploads answered HTTP {2} and the resource has no uploadUri (a deprecated field this org no longer returns); the audio was not uploaded.",
        "Ask Genesys Cloud support which upload route the org's API version offers (the uploads route is a preview), or upload this prompt's audio in Architect.");

    public static readonly DiagnosticDescriptor GenesysPresignedUploadUrlUnusable = new(
        "IVR6032", DiagnosticSeverity.Error, "Pre-signed upload URL unusable",
        "The uploads route gave prompt '{0}' ({1}) the upload URL '{2}', which is not an absolute https address (or the API's own scheme); the audio was not sent there.",
        "Check IvrGenesysRegion / GENESYS_BASE_URL name the org's own region, and report the URL to Genesys Cloud support.");

    public static readonly DiagnosticDescriptor GenesysPartialContent = new(
        "IVR6033", DiagnosticSeverity.Error, "Genesys answered only part of a read",
        "{0} answered HTTP 206 (partial content) twice; a partial listing could hide prompts that exist, so the build does not act on it.",
        "Build again; if it persists, report the request and the time to Genesys Cloud support.");

    public static readonly DiagnosticDescriptor GenesysDependencyBuildNotCurrent = new(
        "IVR6034", DiagnosticSeverity.Warning, "Dependency tracking not current; orphans kept",
        "The org's dependency-tracking build is '{0}', not OPERATIONAL, so it may not know every flow that uses a prompt; orphan prompt(s) {1} were not deleted.",
        "Build again once dependency tracking is rebuilt (Architect > Dependency Tracking, or POST /api/v2/architect/dependencytracking/build), or delete the orphans in Architect.");

    public static readonly DiagnosticDescriptor GenesysTagsDropped = new(
        "IVR6035", DiagnosticSeverity.Warning, "Org does not keep prompt tags; hash skipping off",
        "Genesys Cloud did not keep the tags this build wrote on prompt '{0}' ({1}): read back, sha256/managedBy are missing or different. Skipping unchanged audio is off for this org: every build re-uploads all {2} resource(s) with audio and waits for their transcoding (about {3} requests instead of 2), and orphans cannot be recognised.",
        "Find what strips resource tags in the org (an integration or policy rewriting prompts) and stop it, or ask Genesys Cloud support; until then expect full uploads on every build.");

    public static readonly DiagnosticDescriptor GenesysUnknownDivision = new(
        "IVR6036", DiagnosticSeverity.Error, "Unknown Genesys division",
        "IvrGenesysDivision '{0}' names no division of the org (GET /api/v2/authorization/divisions found neither that id nor that name); nothing was written.",
        "Set IvrGenesysDivision to a division's exact name or id (Admin > People & Permissions > Divisions), or leave it empty for the org's default (Home).");

    public static readonly DiagnosticDescriptor GenesysDivisionPermissionMissing = new(
        "IVR6037", DiagnosticSeverity.Error, "Genesys client lacks a permission in the division",
        "{0} answered HTTP 403 for division {1}: the OAuth client's role does not grant {2} in that division ({3}).",
        "Grant the OAuth client's role {2} with division '{1}' in its scope (Admin > Roles, or the client's role assignment), or set IvrGenesysDivision to a division its role covers.");

    public static readonly DiagnosticDescriptor GenesysPromptInOtherDivision = new(
        "IVR6038", DiagnosticSeverity.Error, "Prompt name taken in another division",
        "Prompt '{0}' cannot be created in division {1}: prompt names are unique across the org and '{0}' already exists in {2}.",
        "Move the existing prompt to division {1} in Architect (needs architect:userPrompt:edit in both divisions), rename the project prompt (PromptName), or give the OAuth client's role architect:userPrompt:view in {2} so the build can see it.");

    public static readonly DiagnosticDescriptor GenesysTranscodeFailed = new(
        "IVR6015", DiagnosticSeverity.Error, "Genesys could not transcode the prompt",
        "Genesys Cloud reports uploadStatus '{2}' for prompt '{0}' ({1}): the platform could not convert the uploaded audio.",
        "Provide a 16-bit PCM mono WAV at 8 or 16 kHz of at most 25 MB (or let the build convert it: IvrGenesysConvertAudio=true), then build again.");

    public static readonly DiagnosticDescriptor GenesysTranscodeTimedOut = new(
        "IVR6016", DiagnosticSeverity.Error, "Prompt transcode not finished",
        "Prompt '{0}' ({1}) was still '{2}' {3:0} s after its upload; the build does not count it as synced.",
        "Build again (an unchanged upload is not repeated; the build only waits), or raise IvrCompileTimeout if the org transcodes slowly.");

    public static readonly DiagnosticDescriptor GenesysFlowsPlayOldAudio = new(
        "IVR6017", DiagnosticSeverity.Warning, "Flows still play the old prompt",
        "Prompt '{0}' changed, but published flow(s) {1} snapshot prompts at publish time and still play the old audio.",
        "Republish those flows in Architect (or with Archy); set IvrGenesysCheckFlows=false to skip this check.");

    public static readonly DiagnosticDescriptor GenesysOrphanPrompt = new(
        "IVR6018", DiagnosticSeverity.Warning, "Managed prompt not in the project",
        "Prompt '{0}' (id {1}) was created by this build but no project prompt has that name any more.",
        "Add the prompt back, delete it in Architect, or set IvrGenesysDeleteOrphans=true to delete unconsumed orphans.");

    public static readonly DiagnosticDescriptor GenesysOrphanConsumed = new(
        "IVR6019", DiagnosticSeverity.Error, "Orphan prompt still in use",
        "Orphan prompt '{0}' (id {1}) was not deleted: dependency tracking lists {2} as using it.",
        "Remove the prompt from those flows (or other consumers) and republish them, or add the prompt back to the project.");

    public static readonly DiagnosticDescriptor GenesysOrphanDeleted = new(
        "IVR6020", DiagnosticSeverity.Info, "Orphan prompt deleted",
        "Deleted orphan prompt '{0}' (id {1}): no flow used it.",
        "Nothing to do; set IvrGenesysDeleteOrphans=false to keep orphans.");

    public static readonly DiagnosticDescriptor GenesysAudioUnreadable = new(
        "IVR6021", DiagnosticSeverity.Error, "Prompt audio unreadable",
        "The audio of prompt '{0}' ({1}) could not be read for upload: {2}.",
        "Check that the file exists and is readable by the build.");

    public static readonly DiagnosticDescriptor GenesysListingTooLarge = new(
        "IVR6022", DiagnosticSeverity.Error, "Prompt listing beyond the paging cap",
        "Listing prompts whose name starts with '{0}' still exceeds the platform's {1}-result paging cap ({2} results).",
        "Ask Genesys Cloud support about the org's prompt count; the build cannot see every prompt under that prefix.");

    public static readonly DiagnosticDescriptor GenesysInvalidPromptName = new(
        "IVR6023", DiagnosticSeverity.Error, "Invalid Architect prompt name",
        "Prompt name '{0}' breaks the Architect rule ^[A-Za-z][A-Za-z0-9_]{{0,199}}$ (letters, digits, underscores; a letter first; at most 200).",
        "Rename the file to '{1}.wav', or set PromptName=\"{1}\" on the IvrPrompt item.");

    public static readonly DiagnosticDescriptor GenesysDuplicatePrompt = new(
        "IVR6024", DiagnosticSeverity.Error, "Prompt language given twice",
        "Prompt '{0}' has language '{1}' from more than one file (also '{2}'); a prompt holds one resource per language.",
        "Give one of the files another PromptName or Language.");

    public static readonly DiagnosticDescriptor GenesysSyncCancelled = new(
        "IVR6025", DiagnosticSeverity.Warning, "Genesys sync cancelled",
        "The Genesys Cloud prompt sync was cancelled; {0} of {1} prompt resources were finished.",
        "Build again: finished resources are recognised by their content hash and not uploaded again.");

    public static readonly DiagnosticDescriptor GenesysNameCaseClash = new(
        "IVR6026", DiagnosticSeverity.Error, "Prompt name differs only in case",
        "Prompt '{0}' differs only in letter case from the org's existing prompt '{1}' (id {2}); Architect may treat names case-insensitively.",
        "Rename the project prompt to '{1}' (set PromptName), or rename the org's prompt.");

    public static readonly DiagnosticDescriptor GenesysStaleLanguage = new(
        "IVR6027", DiagnosticSeverity.Warning, "Prompt language no longer in the project",
        "Prompt '{0}' (id {1}) still has a '{2}' resource written by this build, but no project file provides that language any more.",
        "Add the language's file back, or delete the '{2}' resource in Architect once no flow needs it (the build never deletes a language).");

    // IVR6050-IVR6099: the build's Genesys Cloud settings, item metadata, local conversion and downloads.

    public static readonly DiagnosticDescriptor UnknownPlatform = new(
        "IVR6050", DiagnosticSeverity.Error, "Unknown IVR platform",
        "IvrPlatform '{0}' is not a platform this package speaks.",
        "Set IvrPlatform to MediaApi (the media API, the default) or GenesysCloud (Architect user prompts).");

    public static readonly DiagnosticDescriptor GenesysInvalidRequestBudget = new(
        "IVR6051", DiagnosticSeverity.Error, "Invalid Genesys request budget",
        "IvrGenesysRequestsPerMinute '{0}' is not a whole number from 0 to 100000.",
        "Use the org's per-token limit (300 by default on Genesys Cloud), or 0 to turn the client-side budget off.");

    public static readonly DiagnosticDescriptor GenesysInvalidLanguage = new(
        "IVR6052", DiagnosticSeverity.Error, "Not an Architect language code",
        "Language '{0}' ({1}) is not an Architect language code.",
        "Use a code such as en-us, es-419, fr-ca, zh-hans-cn or de (a language, then optionally a script and a region of two letters or three digits, joined by '-'): set Language on the IvrPrompt item, name its folder after the language, or set IvrDefaultLanguage.");

    public static readonly DiagnosticDescriptor GenesysConversionDisabled = new(
        "IVR6053", DiagnosticSeverity.Error, "Prompt needs conversion for Genesys Cloud",
        "'{0}' is {1}; Genesys Cloud is only given 16-bit PCM, A-law or mu-law mono WAV at 8 or 16 kHz, and IvrGenesysConvertAudio is false.",
        "Convert the file yourself ({2}), or set IvrGenesysConvertAudio=true so that the build converts it before upload.");

    public static readonly DiagnosticDescriptor GenesysConversionFailed = new(
        "IVR6054", DiagnosticSeverity.Error, "Prompt could not be converted",
        "'{0}' could not be converted to a 16-bit PCM mono WAV for Genesys Cloud: {1}.",
        "Provide a 16-bit PCM mono WAV at 8 or 16 kHz (for example: {2}).");

    public static readonly DiagnosticDescriptor GenesysDownloadFailed = new(
        "IVR6055", DiagnosticSeverity.Error, "Transcoded prompt not saved",
        "The transcoded audio of prompt '{0}' ({1}) could not be saved from {2} to '{3}': {4}.",
        "Check that the output folder is writable and Genesys Cloud reachable, or set IvrGenesysDownloadPrompts=false.");

    public static readonly DiagnosticDescriptor GenesysImportSkipped = new(
        "IVR6060", DiagnosticSeverity.Warning, "Prompt not imported",
        "Prompt '{0}' ({1}) was not imported: {2}.",
        "Run the import again to resume (files already written are kept); a prompt without transcoded audio can be imported once Genesys Cloud has transcoded it, and a name that is not a plain file name must be renamed in Architect first.");
}
