using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>
/// A media engine call that failed for good (after retries). <see cref="Code"/> is an IVR code from the catalogue;
/// <see cref="Error"/> is the engine's own error body when it sent one.
/// </summary>
public sealed class MediaEngineException : Exception
{
    public MediaEngineException(string code, string message, int? status = null, ApiError? error = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Status = status;
        Error = error;
    }

    public string Code { get; }

    /// <summary>The HTTP status, when the failure was an HTTP answer.</summary>
    public int? Status { get; }

    public ApiError? Error { get; }
}
