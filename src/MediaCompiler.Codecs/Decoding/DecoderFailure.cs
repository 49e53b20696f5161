using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>The coded results a managed decoder gives back when the content is not what its headers promise.</summary>
internal static class DecoderFailure
{
    public static DecodeResult Damaged(string fileName, string formatName, string reason) =>
        DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.DecodeStreamDamaged, fileName, fileName, formatName, reason));

    /// <summary>
    /// Third-party decoders (NLayer, NVorbis, Concentus) signal damaged input with assorted exception types (index
    /// errors, invalid data, end of stream); whichever it is, the input is what is wrong, so it becomes a coded result
    /// that carries the decoder's own words. Cancellation and out-of-memory are not about the input and pass through.
    /// </summary>
    public static bool IsInputFault(Exception exception) =>
        exception is not (OperationCanceledException or OutOfMemoryException or StackOverflowException);
}
