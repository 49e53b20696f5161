using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>The coded results a managed decoder gives back when the content is not what its headers promise.</summary>
internal static class DecoderFailure
{
    public static DecodeResult Damaged(string fileName, string formatName, string reason) =>
        DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.DecodeStreamDamaged, fileName, fileName, formatName, reason));

    /// <summary>
    /// A third-party decoder threw on the input (<see cref="IsInputFault"/>): the diagnostic says so in our words, and
    /// the library's own message ("Index was outside the bounds of the array"...), which tells a user nothing about
    /// their file, is kept on the result's <see cref="DecodeResult.Detail"/> for a detailed log only.
    /// </summary>
    public static DecodeResult Thrown(string fileName, string formatName, Exception exception) =>
        Damaged(fileName, formatName, "its audio data is damaged (the decoder met values that its headers do not allow)")
            with { Detail = $"{exception.GetType().FullName}: {exception.Message}" };

    /// <summary>
    /// Third-party decoders (NLayer's layer decoders, vendored, NVorbis, Concentus) signal damaged input with assorted exception types (index
    /// errors, invalid data, end of stream); whichever it is, the input is what is wrong, so it becomes a coded result
    /// that carries the decoder's own words. An exception thrown by our own code is our bug, not the file's damage: it
    /// passes through to be reported as an internal error with its stack, as do cancellation and out-of-memory.
    /// </summary>
    public static bool IsInputFault(Exception exception) =>
        exception is not (OperationCanceledException or OutOfMemoryException or StackOverflowException) && !ThrownByOurCode(exception);

    /// <summary>
    /// Whether the code that failed is ours: the innermost frame of the exception's stack outside the runtime's own
    /// libraries (whose throw helpers and collections raise for their callers) is a method of this library, and not of
    /// the third-party code vendored into it (<see cref="VendoredNamespace"/>), which keeps the status it had as a package.
    /// </summary>
    internal static bool ThrownByOurCode(Exception exception)
    {
        var runtime = typeof(object).Assembly;
        foreach (var frame in new System.Diagnostics.StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var assembly = frame.GetMethod()?.Module.Assembly;
            if (assembly is null || assembly == runtime || assembly.GetName().Name?.StartsWith("System.", StringComparison.Ordinal) == true)
            {
                continue;
            }
            return assembly == typeof(DecoderFailure).Assembly
                && frame.GetMethod()?.DeclaringType?.Namespace?.StartsWith(VendoredNamespace, StringComparison.Ordinal) != true;
        }
        return false;
    }

    /// <summary>Where NLayer's layer decoders live since they were vendored (to fix its MPEG-2.5 8 kHz and Layer II decoding).</summary>
    internal const string VendoredNamespace = "MediaCompiler.Codecs.Decoding.Mp3.NLayer";
}
