using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// Either decoded audio or the coded reason there is none; <see cref="Warnings"/> says what a successful decode had
/// to do that the user should know (e.g. that it fell back to an external program).
/// </summary>
public sealed record DecodeResult(DecodedAudio? Audio, Diagnostic? Error)
{
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>For a detailed log only: a third-party decoder's own words on why it stopped (never shown in a diagnostic).</summary>
    public string? Detail { get; init; }

    public static DecodeResult Success(DecodedAudio audio) => new(audio, null);

    public static DecodeResult Failure(Diagnostic error) => new(null, error);
}
