using MediaCompiler.Contract;
using MediaCompiler.Engine;
using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Errors;

/// <summary>Maps the engine's domain rejections onto the media API's status codes and error body.</summary>
internal static class EngineRejections
{
    public static int StatusOf(RejectionReason reason) => reason switch
    {
        RejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionReason.Busy => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The error body; a missing rejection breaks the engine's contract and is said plainly as a 500.</summary>
    public static ApiError ToApiError(EngineRejection? rejection) => rejection is null
        ? ApiErrors.Create(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalServerError, "The engine answered neither a result nor a rejection.")
        : ApiErrors.Create(StatusOf(rejection.Reason), rejection.Code, rejection.Message, [.. rejection.Details]);
}
