using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// The engine's decoder: everything in-process through <see cref="PromptDecoder"/>, except AAC wrapped in ADIF
/// (ADTS .aac and MP4/M4A files decode in-process), which goes to ffmpeg when one is installed. That fallback is the only use of ffmpeg left and
/// is reported on every asset it decodes (warning IVR3122), so nobody mistakes it for the in-process path.
/// </summary>
public sealed class EngineDecoder : IAudioDecoder
{
    private readonly FfmpegDecoder _aacFallback;
    private readonly string? _ffmpegPath;

    public EngineDecoder(string? ffmpegPath, TimeSpan externalTimeout)
    {
        _ffmpegPath = ffmpegPath;
        _aacFallback = new FfmpegDecoder(ffmpegPath, externalTimeout);
    }

    public async Task<DecodeResult> DecodeAsync(byte[] content, string fileName, AudioProbeResult probe, CancellationToken cancellationToken)
    {
        if (!PromptDecoder.NeedsExternalDecoder(probe))
        {
            return PromptDecoder.Decode(content, fileName, probe, cancellationToken);
        }

        // The single place the external fallback is chosen (AAC in ADIF); see PromptDecoder.NeedsExternalDecoder.
        var decoded = await _aacFallback.DecodeAsync(content, fileName, probe, cancellationToken).ConfigureAwait(false);
        if (decoded.Audio is null)
        {
            return decoded;
        }

        string program = FfmpegLocator.Find(_ffmpegPath, out _) ?? "ffmpeg";
        var warning = Diagnostic.Create(DiagnosticCatalog.DecodeExternalFallback, fileName, fileName, PromptDecoder.FormatName(probe, fileName), program);
        return decoded with { Warnings = [.. decoded.Warnings, warning] };
    }
}
