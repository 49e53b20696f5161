using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>
/// A media engine call that failed for good (after retries). <see cref="Code"/> is an IVR code from the catalogue;
/// <see cref="Error"/> is the engine's own error body when it sent one.
/// </summary>
public sealed class MediaEngineException : Exception
{
    public MediaEngineException(string code, string message, int? status = null, ApiError? error = null, Exception? inner = null,
        EngineRefusal? refusal = null)
        : base(message, inner)
    {
        Code = code;
        Status = status;
        Error = error;
        Refusal = refusal;
    }

    public string Code { get; }

    /// <summary>The HTTP status, when the failure was an HTTP answer.</summary>
    public int? Status { get; }

    public ApiError? Error { get; }

    /// <summary>
    /// Set when the engine refused the input (as opposed to a failed call): who must act, the engine's code and one
    /// entry per problem. The pipeline decides by this, never by <see cref="Status"/>.
    /// </summary>
    public EngineRefusal? Refusal { get; }
}
