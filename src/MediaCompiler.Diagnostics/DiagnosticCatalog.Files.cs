namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR1011-IVR1049: what kind of file system entry a prompt path is (only regular files are read), how WAV sizes
/// written by pipes are read, and the per-platform prompt rules; IVR1200-IVR1249: <c>ivr-media fix</c>.
/// Every message takes the path as {0}.
/// </summary>
public static partial class DiagnosticCatalog
{
    // ---- IVR1011-IVR1049: file kinds, streamed WAV sizes, platform rules ----

    public static readonly DiagnosticDescriptor WavSizePlaceholder = new(
        "IVR1011", DiagnosticSeverity.Info, "WAV sizes are streaming placeholders",
        "'{0}' was written to a pipe: its data chunk declares {1} (a placeholder, not a size), so its audio was read to the end of the file ({2:N0} bytes).",
        "Nothing is required; to store exact sizes run: ivr-media fix \"{0}\" --in-place");

    public static readonly DiagnosticDescriptor NotARegularFile = new(
        "IVR1012", DiagnosticSeverity.Error, "Not a regular file",
        "'{0}' is {1}, not a regular file; only regular files are read as prompts (reading it could block or never end).",
        "Replace it with the prompt's audio file, or move it out of the prompt folder or glob.");

    public static readonly DiagnosticDescriptor FolderUnreadable = new(
        "IVR1013", DiagnosticSeverity.Error, "Folder cannot be searched",
        "The folder '{0}' cannot be searched for prompts: {1}.",
        "Give the user running the check read and execute permission on it, or remove it from the prompt paths.");

    public static readonly DiagnosticDescriptor FolderLinkLoop = new(
        "IVR1014", DiagnosticSeverity.Error, "Folder link loops or dangles",
        "'{0}' is a symbolic link that cannot be followed to a folder: {1}.",
        "Point the link at a real folder outside the prompt tree, or delete it.");

    public static readonly DiagnosticDescriptor AudioHeaderImplausible = new(
        "IVR1018", DiagnosticSeverity.Error, "Header values no real prompt has",
        "'{0}' declares {1}; a prompt has at most {2}. The header is damaged (or the file is not what it claims), so it is refused before any decoding.",
        "Re-export the prompt from its source (e.g. ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le fixed.wav, if ffmpeg can read it), or restore it from version control.");

    public static readonly DiagnosticDescriptor OggStreamsSeveral = new(
        "IVR1019", DiagnosticSeverity.Error, "Ogg file holds more than one audio stream",
        "'{0}' holds {1}; a prompt is one audio stream, and a decoder that plays one would drop or swap the rest.",
        "Re-encode it as one stream, which ffmpeg reads whole: ffmpeg -i \"{0}\" -map 0:a:0 -ac 1 -ar 16000 -c:a pcm_s16le \"{2}\"");

    public static readonly DiagnosticDescriptor PlatformFileTooLarge = new(
        "IVR1016", DiagnosticSeverity.Error, "Prompt file too large for the platform",
        "'{0}' is {1:N0} bytes; {2} accepts at most {3:N0} bytes.",
        "Shorten it or store it as 8-bit G.711: ivr-media fix \"{0}\" --platform {4} --encoding ulaw --rate 8000 --in-place");

    // ---- IVR1200-IVR1249: ivr-media fix ----

    public static readonly DiagnosticDescriptor FixCannotDecode = new(
        "IVR1200", DiagnosticSeverity.Error, "Prompt cannot be fixed",
        "'{0}' cannot be fixed: {1}.",
        "Export it again from its source recording, or convert it with ffmpeg: ffmpeg -i \"{0}\" -ar 8000 -ac 1 -c:a pcm_s16le fixed.wav");

    public static readonly DiagnosticDescriptor FixWriteFailed = new(
        "IVR1201", DiagnosticSeverity.Error, "Fixed prompt cannot be written",
        "The fixed version of '{0}' cannot be written to '{1}': {2}.",
        "Check that the output folder exists and is writable, and that the file is not open in another program.");

    public static readonly DiagnosticDescriptor FixResultRejected = new(
        "IVR1202", DiagnosticSeverity.Error, "Fixed prompt still not accepted",
        "The fixed version of '{0}' is still not accepted: {1}.",
        "This is a bug in ivr-media fix; please report it with the file attached.");

    public static readonly DiagnosticDescriptor FixTooLong = new(
        "IVR1203", DiagnosticSeverity.Error, "Prompt too long to fit",
        "'{0}' lasts {1} s; even as 8 kHz G.711 (8,000 bytes a second) it would be {2:N0} bytes, over {3}'s limit of {4:N0} bytes.",
        "Shorten the recording or split it into several prompts, then run: ivr-media fix \"{0}\" --in-place");

    public static readonly DiagnosticDescriptor FixPeaksLimited = new(
        "IVR1205", DiagnosticSeverity.Warning, "Peaks over full scale limited",
        "'{0}' peaks at {1} dBFS, over full scale, which 16-bit and G.711 audio cannot hold: the fix limited its peaks to {2} dBFS (up to {3} dB less gain on them) instead of clipping them.",
        "Nothing is required; for the cleanest result export the prompt again from its source at a lower level.");

    public static readonly DiagnosticDescriptor FixOutputCollision = new(
        "IVR1206", DiagnosticSeverity.Error, "Fixed prompt would overwrite another file",
        "The fixed version of '{0}' would be written to '{1}', {2}. Nothing was written for it.",
        "Rename one of the files so that their names differ (a fixed prompt is always <name>.wav), or fix them one at a time into different --out folders.");

    public static readonly DiagnosticDescriptor FixCutShort = new(
        "IVR1207", DiagnosticSeverity.Error, "A prompt cut short cannot be fixed",
        "'{0}' cannot be fixed: it is truncated: {1}. No conversion brings back the audio that is missing; nothing was written.",
        "Copy or export the prompt again from its source (the original recording or its TTS text); converting this file, with fix or ffmpeg, would ship the cut prompt.");

    public static readonly DiagnosticDescriptor FixResultSilent = new(
        "IVR1204", DiagnosticSeverity.Error, "Nothing audible left after the fix",
        "Fixing '{0}' would leave no audio a phone can play: {1}. Nothing was written.",
        "The source is silent, or all its sound lies above what the fixed rate keeps (4 kHz at 8 kHz, 8 kHz at 16 kHz): re-record or re-export the prompt from its source.");
}
