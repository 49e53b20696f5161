namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR3xxx: the media engine's own verdicts. IVR30xx reject one asset of a compile job (decoding and conversion),
/// IVR31xx reject a field of a compile submission, IVR32xx reject an upload for a reason the prompt rules cannot see
/// (an upload over 2 MiB answers 413 with the rules' own IVR1102), IVR33xx concern the engine's data directory.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EngineFfmpegRequired = new(
        "IVR3001", DiagnosticSeverity.Error, "ffmpeg needed to decode",
        "'{0}' is {1} audio, which the engine decodes with ffmpeg, and ffmpeg was not found ({2}).",
        "Install ffmpeg (e.g. 'apt-get install ffmpeg' or 'winget install ffmpeg') so that it is on the PATH, or convert the prompt to a PCM WAV yourself: ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor EngineDecodeFailed = new(
        "IVR3002", DiagnosticSeverity.Error, "Audio could not be decoded",
        "'{0}' could not be decoded: {1}.",
        "Re-encode the prompt from its source: ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor EngineSampleRateUnsupported = new(
        "IVR3003", DiagnosticSeverity.Error, "Sample rate cannot be converted",
        "'{0}' has a sample rate of {1} Hz, which the engine cannot convert to 8000 Hz (rates with a simple ratio to 8000 Hz are supported: 8000, 11025, 16000, 22050, 32000, 44100, 48000 Hz...).",
        "Resample the prompt: ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor EngineEmptyAudio = new(
        "IVR3004", DiagnosticSeverity.Error, "No audio decoded",
        "'{0}' decodes to no audio samples at all.",
        "Export the prompt again; the file holds headers but no sound.");

    public static readonly DiagnosticDescriptor EngineSilentAudio = new(
        "IVR3005", DiagnosticSeverity.Error, "Silent audio",
        "'{0}' is silent: its loudest sample is {1} dBFS, and the engine rejects prompts whose peak is below {2} dBFS.",
        "Check the recording and export the prompt again with audible speech.");

    public static readonly DiagnosticDescriptor EngineDurationMismatch = new(
        "IVR3006", DiagnosticSeverity.Error, "Decoded length differs from header",
        "'{0}' decodes to {1} s of audio but its header declares {2} s (the engine allows a difference of {3}).",
        "The file is truncated or its header is wrong; re-encode it: ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor EngineDecodeTimeout = new(
        "IVR3007", DiagnosticSeverity.Error, "Decoding timed out",
        "Decoding '{0}' with ffmpeg took longer than {1} s and was stopped.",
        "Check that the file is a short prompt and not damaged; convert it to a PCM WAV: ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");

    public static readonly DiagnosticDescriptor EngineAssetContentMissing = new(
        "IVR3008", DiagnosticSeverity.Error, "Asset content missing or damaged",
        "The stored content of asset {1} ('{0}') is missing or no longer matches its hash {2}.",
        "Upload the prompt again (the next build does so when the engine no longer holds it).");

    public static readonly DiagnosticDescriptor EngineJobForcedFailure = new(
        "IVR3009", DiagnosticSeverity.Error, "Job forced to fail",
        "Compile job {0} was forced to fail by fault injection (the emulator's fault switch), not by its content.",
        "Turn the fault switch off; nothing is wrong with the prompts.");

    public static readonly DiagnosticDescriptor EngineJobAssetsRejected = new(
        "IVR3010", DiagnosticSeverity.Error, "Job has rejected assets",
        "Compile job {0} failed: {1} of {2} asset(s) were rejected.",
        "See each REJECTED result's errorCode and message.");

    public static readonly DiagnosticDescriptor EngineInternalError = new(
        "IVR3011", DiagnosticSeverity.Error, "Engine error while compiling",
        "The engine failed while compiling '{0}': {1}.",
        "This is a bug in the media engine; report it with the prompt file attached.");

    public static readonly DiagnosticDescriptor EngineJobInterrupted = new(
        "IVR3012", DiagnosticSeverity.Error, "Job interrupted",
        "Compile job {0} was forgotten because the engine was {1} before it finished.",
        "Submit the compilation again.");

    public static readonly DiagnosticDescriptor EngineRequestMissing = new(
        "IVR3101", DiagnosticSeverity.Error, "Compile request missing",
        "The compile request has no body.",
        "Send a JSON body with flowId, encoding and media.");

    public static readonly DiagnosticDescriptor EngineFlowIdMissing = new(
        "IVR3102", DiagnosticSeverity.Error, "Flow id missing",
        "The compile request names no flowId.",
        "Set the flow id (the IVR flow the prompts belong to).");

    public static readonly DiagnosticDescriptor EngineFlowIdUnknown = new(
        "IVR3103", DiagnosticSeverity.Error, "Flow id unknown",
        "The flow '{0}' is not known to the engine (known flows: {1}).",
        "Use the id of an existing flow.");

    public static readonly DiagnosticDescriptor EngineMediaEmpty = new(
        "IVR3104", DiagnosticSeverity.Error, "No media to compile",
        "The compile request lists no media.",
        "List at least one asset with the node it plays at.");

    public static readonly DiagnosticDescriptor EngineAssetIdMissing = new(
        "IVR3105", DiagnosticSeverity.Error, "Asset id missing",
        "media[{0}] names no assetId.",
        "Upload the prompt and use the id the engine returned.");

    public static readonly DiagnosticDescriptor EngineAssetUnknown = new(
        "IVR3106", DiagnosticSeverity.Error, "Asset unknown",
        "media[{0}] names asset '{1}', which the engine does not hold.",
        "Upload the prompt again and use the id the engine returned.");

    public static readonly DiagnosticDescriptor EngineNodeIdMissing = new(
        "IVR3107", DiagnosticSeverity.Error, "Node id missing",
        "media[{0}] names no nodeId.",
        "Name the flow node the prompt plays at.");

    public static readonly DiagnosticDescriptor EngineNodeIdDuplicate = new(
        "IVR3108", DiagnosticSeverity.Error, "Node id used twice",
        "media[{0}] uses nodeId '{1}', already used by media[{2}]; a node plays one prompt.",
        "Give each prompt its own node id.");

    public static readonly DiagnosticDescriptor EngineEncodingUnknown = new(
        "IVR3109", DiagnosticSeverity.Error, "Encoding unknown",
        "{0} is '{1}', which is not an encoding the engine produces (allowed: ulaw, alaw, pcmu, pcma).",
        "Use ulaw/pcmu (G.711 mu-law, North America/Japan) or alaw/pcma (G.711 A-law, elsewhere).");

    public static readonly DiagnosticDescriptor EngineMaxChannelsInvalid = new(
        "IVR3110", DiagnosticSeverity.Error, "Channel count not mono",
        "options.maxChannels is {0}; telephony prompts are mono, so it must be 1.",
        "Set maxChannels to 1 (or leave it out).");

    public static readonly DiagnosticDescriptor EngineContentHashMismatch = new(
        "IVR3201", DiagnosticSeverity.Error, "Content hash mismatch",
        "'{0}' was declared with contentHash {1}, but its bytes hash to {2}.",
        "Send the SHA-256 of the exact bytes uploaded, as 'sha256:' and 64 lower-case hex digits (or send no contentHash).");

    public static readonly DiagnosticDescriptor EngineContentHashMalformed = new(
        "IVR3202", DiagnosticSeverity.Error, "Content hash malformed",
        "'{0}' was declared with contentHash '{1}', which is not 'sha256:' and 64 hex digits.",
        "Send the SHA-256 of the bytes as 'sha256:' and 64 lower-case hex digits (or send no contentHash).");

    public static readonly DiagnosticDescriptor EngineFileNameMissing = new(
        "IVR3203", DiagnosticSeverity.Error, "Upload has no file name",
        "The upload has no file name, so its format cannot be told.",
        "Send the prompt's file name (with its extension) along with the content.");

    public static readonly DiagnosticDescriptor EngineStateFileCorrupt = new(
        "IVR3301", DiagnosticSeverity.Warning, "Engine state file corrupt",
        "'{0}' in the engine's data directory could not be trusted ({1}) and was set aside as '{2}'.",
        "Nothing to do: the engine ignores it. Upload or compile again if something is missing; delete the set-aside file when done.");
}
