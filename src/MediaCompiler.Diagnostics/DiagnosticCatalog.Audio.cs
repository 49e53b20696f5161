namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR1xxx: prompt audio. IVR10xx are what the probe finds in a file's structure (unreadable, empty, unknown,
/// truncated, the wrong format behind the extension); IVR11xx are the media engine's rules for prompts.
/// Every message takes the file name as {0}.
/// </summary>
public static partial class DiagnosticCatalog
{
    // ---- IVR10xx: what the file really is ----

    public static readonly DiagnosticDescriptor AudioUnreadable = new(
        "IVR1001", DiagnosticSeverity.Error, "Prompt file cannot be read",
        "'{0}' cannot be read: {1}.",
        "Check that the file exists and that the build may read it.");

    public static readonly DiagnosticDescriptor AudioEmpty = new(
        "IVR1002", DiagnosticSeverity.Error, "Prompt file is empty",
        "'{0}' is empty (0 bytes).",
        "Export the prompt again from its source recording.");

    public static readonly DiagnosticDescriptor AudioUnrecognised = new(
        "IVR1003", DiagnosticSeverity.Error, "Not a recognised audio format",
        "'{0}' is not audio in any format the media engine knows: no WAV, AIFF, CAF, AU, MP3, AAC, MP4, FLAC, Ogg or WebM header was found ({1}).",
        "Export the prompt again as audio from its source (the fix command of ivr-media reads only the formats named here), or convert the source with ffmpeg: ffmpeg -i <source> -ar 8000 -ac 1 -c:a pcm_s16le \"{2}\"");

    public static readonly DiagnosticDescriptor AudioFormatMismatch = new(
        "IVR1004", DiagnosticSeverity.Error, "Content does not match the extension",
        "'{0}' is named .{1} but its content is {2}; a prompt's content must be what its extension says.",
        "Convert it: ivr-media fix \"{0}\" --in-place (writes a WAV prompt), or with ffmpeg: {3}");

    public static readonly DiagnosticDescriptor AudioTruncated = new(
        "IVR1005", DiagnosticSeverity.Error, "Prompt file is truncated",
        "'{0}' is truncated: {1}.",
        "The file was cut short (an interrupted copy or download?); export it again from its source.");

    public static readonly DiagnosticDescriptor WavFormatChunkInvalid = new(
        "IVR1006", DiagnosticSeverity.Error, "WAV format chunk missing or invalid",
        "'{0}' has no usable 'fmt ' chunk: {1}.",
        "Without that chunk no tool can tell how the audio is encoded (the fix command cannot read it, nor can ffmpeg): export the prompt again from its source recording.");

    public static readonly DiagnosticDescriptor WavDataChunkMissing = new(
        "IVR1007", DiagnosticSeverity.Error, "WAV data chunk missing",
        "'{0}' has no 'data' chunk, so it holds no audio.",
        "Export the prompt again from its source recording.");

    public static readonly DiagnosticDescriptor AudioNoData = new(
        "IVR1008", DiagnosticSeverity.Error, "No audio data",
        "'{0}' has headers but 0 bytes of audio.",
        "Export the prompt again from its source recording.");

    public static readonly DiagnosticDescriptor OggPageCorrupt = new(
        "IVR1009", DiagnosticSeverity.Error, "Ogg page corrupt",
        "'{0}' has a corrupt Ogg page at byte {1}: {2}.",
        "The file is damaged; export it again from its source (ffmpeg -i <source> -ar 16000 -ac 1 -c:a libvorbis \"{0}\").");

    public static readonly DiagnosticDescriptor AudioHeaderInvalid = new(
        "IVR1010", DiagnosticSeverity.Error, "Audio header invalid",
        "'{0}' is {1} but its header is invalid: {2}.",
        "The file is damaged or was written by a faulty encoder; export it again from its source.");

    public static readonly DiagnosticDescriptor AudioProbeFailed = new(
        "IVR1099", DiagnosticSeverity.Error, "Probe failed unexpectedly",
        "'{0}' could not be probed because of an internal error ({1}).",
        "This is a bug in MediaCompiler.Build; please report it with the file attached.");

    // ---- IVR11xx: the media engine's rules ----

    public static readonly DiagnosticDescriptor PromptExtensionUnsupported = new(
        "IVR1101", DiagnosticSeverity.Error, "Extension not accepted",
        "'{0}' has the extension '{1}'; the media engine accepts only {2}.",
        "Convert it: ivr-media fix \"{0}\" --in-place (writes \"{3}\"), or ffmpeg -i \"{0}\" -ar {4} -ac 1 -c:a pcm_s16le \"{3}\"");

    public static readonly DiagnosticDescriptor PromptTooLarge = new(
        "IVR1102", DiagnosticSeverity.Error, "Prompt file too large",
        "'{0}' is {1:N0} bytes; the media engine accepts at most {2:N0} bytes (2 MiB).",
        "{3}");

    public static readonly DiagnosticDescriptor PromptSampleRateUnsupported = new(
        "IVR1103", DiagnosticSeverity.Error, "Sample rate not accepted",
        "'{0}' is sampled at {1} Hz{4}; the media engine accepts only {2} Hz.",
        "Resample it: ivr-media fix \"{0}\" --in-place (or with ffmpeg: {3})");

    public static readonly DiagnosticDescriptor PromptNotMono = new(
        "IVR1104", DiagnosticSeverity.Error, "Prompt is not mono",
        "'{0}' has {1} channels; the media engine accepts mono (1 channel) only.",
        "Mix it down to mono: ivr-media fix \"{0}\" --in-place (or with ffmpeg: {2})");

    public static readonly DiagnosticDescriptor PromptWavEncodingUnsupported = new(
        "IVR1105", DiagnosticSeverity.Error, "WAV encoding not accepted",
        "'{0}' is encoded as {1}; WAV prompts must be {2}.",
        "Re-encode it: ivr-media fix \"{0}\" --in-place (or with ffmpeg: {3})");

    public static readonly DiagnosticDescriptor PromptBitrateOutOfRange = new(
        "IVR1106", DiagnosticSeverity.Error, "Bitrate out of range",
        "'{0}' has an average bitrate of {1} kbps; {2} prompts must be between {3} and {4} kbps inclusive.",
        "Re-encode it: ivr-media fix \"{0}\" --in-place (writes a WAV prompt), or with ffmpeg (an MP3 stays MP3): {5}");

    public static readonly DiagnosticDescriptor PromptOggCodecUnsupported = new(
        "IVR1107", DiagnosticSeverity.Error, "Ogg codec not accepted",
        "'{0}' is an Ogg file holding {1}; Ogg prompts must be Vorbis or Opus.",
        "Re-encode it: ivr-media fix \"{0}\" --in-place (writes a WAV prompt), or with ffmpeg: {2}");

    public static readonly DiagnosticDescriptor PromptMpegLayerUnsupported = new(
        "IVR1108", DiagnosticSeverity.Error, "MPEG layer not accepted",
        "'{0}' holds {1} frames; .mp3 prompts must be MPEG Layer III.",
        "Re-encode it: ivr-media fix \"{0}\" --in-place (writes a WAV prompt), or with ffmpeg: {2}");

    public static readonly DiagnosticDescriptor PromptRateHintMismatch = new(
        "IVR1109", DiagnosticSeverity.Warning, "Name contradicts the sample rate",
        "'{0}' says {1} Hz in its name but its content is sampled at {2} Hz; the content wins.",
        "Rename the file (or resample it) so that the name and the content agree.");
}
