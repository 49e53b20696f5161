using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Wav;

namespace MediaCompiler.Engine.Decoding;

/// <summary>Either decoded audio or the coded reason there is none.</summary>
public sealed record DecodeResult(DecodedAudio? Audio, Diagnostic? Error)
{
    public static DecodeResult Success(DecodedAudio audio) => new(audio, null);

    public static DecodeResult Failure(Diagnostic error) => new(null, error);
}
