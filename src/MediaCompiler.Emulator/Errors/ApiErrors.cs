using System.Globalization;
using MediaCompiler.Contract;
using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Errors;

/// <summary>
/// The error answers the emulator itself produces (the engine's own upload/compile errors pass through unchanged).
/// Every one has the media API error body <c>{ message, code, status, contextId, details }</c>.
/// </summary>
public static class ApiErrorCodes
{
    public const string BadRequest = "bad.request";
    public const string UnsupportedGrantType = "unsupported.grant.type";
    public const string BadCredentials = "bad.credentials";
    public const string AuthenticationRequired = "authentication.required";
    public const string InvalidToken = "invalid.token";
    public const string TokenExpired = "token.expired";
    public const string MissingPermissions = "missing.permissions";
    public const string NotFound = "not.found";
    public const string RequestTooLarge = "request.entity.too.large";
    public const string TooManyRequests = "too.many.requests";
    public const string InsufficientStorage = "insufficient.storage";
    public const string InternalServerError = "internal.server.error";
    public const string ServiceUnavailable = "service.unavailable";
}

internal static class ApiErrors
{
    public static ApiError Create(int status, string code, string message, params ApiErrorDetail[] details) =>
        new(message, code, status, Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture), details);

    public static IResult Result(ApiError error) =>
        Results.Json(error, MediaApiJson.Options, contentType: "application/json", statusCode: error.Status);

    public static IResult Result(int status, string code, string message, params ApiErrorDetail[] details) =>
        Result(Create(status, code, message, details));

    /// <summary>Writes an error from middleware, where there is no endpoint result to return.</summary>
    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        context.Response.StatusCode = error.Status;
        return context.Response.WriteAsJsonAsync(error, MediaApiJson.Options, "application/json", context.RequestAborted);
    }
}
