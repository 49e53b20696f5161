using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// The engine's decoder: everything in-process through <see cref="PromptDecoder"/>, except AAC wrapped in ADIF
/// (ADTS .aac and MP4/M4A files decode in-process) and surround Ogg Vorbis, which go to ffmpeg when one is installed
/// (<see cref="PromptDecoder.NeedsExternalDecoder"/>). That fallback is the only use of ffmpeg left and
/// is reported on every asset it decodes (warning IVR3122), so nobody mistakes it for the in-process path.
/// </summary>
public sealed class EngineDecoder : IAudioDecoder
{
    private readonly FfmpegDecoder _fallback;
    private readonly string? _ffmpegPath;

    public EngineDecoder(string? ffmpegPath, TimeSpan externalTimeout)
    {
        _ffmpegPath = ffmpegPath;
        _fallback = new FfmpegDecoder(ffmpegPath, externalTimeout);
    }

    public async Task<DecodeResult> DecodeAsync(byte[] content, string fileName, AudioProbeResult probe, CancellationToken cancellationToken)
    {
        if (!PromptDecoder.NeedsExternalDecoder(probe))
        {
            return PromptDecoder.Decode(content, fileName, probe, cancellationToken);
        }

        // The single place the external fallback is chosen; see PromptDecoder.NeedsExternalDecoder.
        var decoded = await _fallback.DecodeAsync(content, fileName, probe, cancellationToken).ConfigureAwait(false);
        if (decoded.Audio is null)
        {
            return decoded;
        }

        string program = FfmpegLocator.Find(_ffmpegPath, out _) ?? "ffmpeg";
        var warning = Diagnostic.Create(DiagnosticCatalog.DecodeExternalFallback, fileName, fileName, PromptDecoder.FormatName(probe, fileName), program);
        return decoded with { Warnings = [.. decoded.Warnings, warning] };
    }
}
