namespace MediaCompiler.Diagnostics;

/// <summary>
/// IVR3140-3159: the embedded AAC-LC decoder's verdicts (ADTS streams and AAC in MP4/M4A). Each names the frame and what was found, and says how
/// to re-encode the prompt into something the engine decodes in-process.
/// </summary>
public static partial class DiagnosticCatalog
{
    private const string ReencodeAsWav =
        "Re-encode the prompt as a PCM WAV: ffmpeg -i \"{0}\" -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav (an AAC written by ffmpeg's own encoder stays under the 64 kbps an AAC prompt needs)";

    public static readonly DiagnosticDescriptor AacFrameInvalid = new(
        "IVR3140", DiagnosticSeverity.Error, "AAC frame cannot be decoded",
        "'{0}': ADTS frame {1} (byte offset {2}) cannot be decoded: {3}.",
        "The file is damaged, truncated or uses a tool outside AAC-LC. " + ReencodeAsWav);

    public static readonly DiagnosticDescriptor AacNotAdts = new(
        "IVR3141", DiagnosticSeverity.Error, "Not an ADTS AAC stream",
        "'{0}' is not an ADTS AAC stream: {1}.",
        "AAC prompts must be raw AAC in ADTS framing (.aac). From an MP4/M4A: ffmpeg -i \"{0}\" -c:a copy -f adts prompt.aac; otherwise " + ReencodeAsWav);

    public static readonly DiagnosticDescriptor AacProfileUnsupported = new(
        "IVR3142", DiagnosticSeverity.Error, "AAC profile not supported",
        "'{0}' is AAC {1} ({2}); the embedded decoder decodes AAC-LC only.",
        ReencodeAsWav);

    public static readonly DiagnosticDescriptor AacHeAacUnsupported = new(
        "IVR3143", DiagnosticSeverity.Error, "HE-AAC not supported",
        "'{0}' is HE-AAC: {1}, which the embedded decoder does not decode; only the {2} Hz AAC-LC core, at half the bandwidth, would be heard.",
        ReencodeAsWav);

    public static readonly DiagnosticDescriptor AacChannelLayoutUnsupported = new(
        "IVR3144", DiagnosticSeverity.Error, "AAC channel layout not supported",
        "'{0}' declares {1}: {2}.",
        "The engine decodes mono and stereo AAC only. " + ReencodeAsWav);

    public static readonly DiagnosticDescriptor AacStreamInconsistent = new(
        "IVR3145", DiagnosticSeverity.Error, "AAC stream changes format",
        "'{0}': ADTS frame {1} changes the {2} from {3} to {4}; a prompt must keep one format throughout.",
        "The file was probably joined from several streams. " + ReencodeAsWav);

    public static readonly DiagnosticDescriptor AacTooLong = new(
        "IVR3146", DiagnosticSeverity.Error, "AAC stream too long",
        "'{0}' decodes to more than {1} s of audio (stopped at {2}); the engine decodes prompts of at most {1} s.",
        "Split the recording into prompts, or check that the file is the prompt you meant; its first minute as a PCM WAV: ffmpeg -i \"{0}\" -t 60 -ac 1 -ar 8000 -c:a pcm_s16le prompt.wav");
}
