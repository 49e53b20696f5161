using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>Who has to act on a refusal: the pipeline decides by this, never by a transport's status code.</summary>
public enum RefusalKind
{
    /// <summary>The engine refused the file's content (a rule, its size): an error on that prompt, the others go on.</summary>
    AboutTheFile,

    /// <summary>The engine refused the request's fields (a compile matrix entry, an option): one line per field.</summary>
    AboutTheRequest,

    /// <summary>The engine is full for now (too many unfinished jobs): worth another try later, not the input's fault.</summary>
    Busy,
}

/// <summary>
/// A refusal as a value: the engine's own code and words, and one entry per problem (field, code, message). An
/// in-process engine gives it directly; the HTTP client reads it from the error body and the status (the only
/// place where statuses become kinds, <see cref="FromHttpStatus"/>).
/// </summary>
public sealed record EngineRefusal(RefusalKind Kind, string? Code, string Message, IReadOnlyList<ApiErrorDetail> Details)
{
    /// <summary>The kind an HTTP answer means: 413/415/422 are about the file, 400 about the file or the request, 503/429 busy.</summary>
    public static RefusalKind FromHttpStatus(int status, bool isUpload) => status switch
    {
        400 => isUpload ? RefusalKind.AboutTheFile : RefusalKind.AboutTheRequest,
        413 or 415 or 422 => RefusalKind.AboutTheFile,
        _ => RefusalKind.Busy,
    };

    public static EngineRefusal FromApiError(RefusalKind kind, ApiError? error) =>
        new(kind, error?.Code, error?.Message is { Length: > 0 } message ? message : "no reason given", error?.Details ?? []);
}
