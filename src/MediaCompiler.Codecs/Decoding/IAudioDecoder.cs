using MediaCompiler.Audio;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>Turns a prompt's bytes into mono samples. Failures come back as diagnostics; only cancellation throws.</summary>
public interface IAudioDecoder
{
    Task<DecodeResult> DecodeAsync(byte[] content, string fileName, AudioProbeResult probe, CancellationToken cancellationToken);
}
