using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Wav;

namespace MediaCompiler.Engine.Decoding;

/// <summary>Decodes WAV files of the codecs <see cref="WavSampleReader"/> reads, in our own code.</summary>
internal sealed class WavDecoder : IAudioDecoder
{
    public Task<DecodeResult> DecodeAsync(byte[] content, string fileName, AudioProbeResult probe, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(DecodeResult.Success(WavSampleReader.Read(content, probe)));
        }
        catch (InvalidDataException e)
        {
            return Task.FromResult(DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.EngineDecodeFailed, fileName, fileName, e.Message)));
        }
    }
}
