using MediaCompiler.Contract;

namespace MediaCompiler.Engine;

/// <summary>Why the engine refused an upload or a submission, in domain terms; a host maps it to its own protocol.</summary>
public enum RejectionReason
{
    /// <summary>A rule was broken (bad audio, bad hash, bad field): the sender must fix the input.</summary>
    Invalid,

    /// <summary>The upload is larger than <see cref="MediaEngine.MaxUploadBytes"/>, or a request names too many items.</summary>
    TooLarge,

    /// <summary>The engine holds as many unfinished jobs as it accepts: try again later.</summary>
    Busy,
}

/// <summary>
/// A refusal with its coded reasons: <see cref="Code"/> and <see cref="Message"/> are those of the first problem,
/// <see cref="Details"/> has one entry per problem (the field at fault, its IVR code and message).
/// </summary>
public sealed record EngineRejection(RejectionReason Reason, string Code, string Message, IReadOnlyList<ApiErrorDetail> Details);
