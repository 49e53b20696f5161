using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Architect;

/// <summary>Platform API error answers: the ErrorBody with a contextId echoed in <c>ININ-Correlation-Id</c>.</summary>
internal static class ArchitectErrors
{
    public static IResult Result(HttpContext http, int status, string code, string message, string? entityId = null, string? entityName = null)
    {
        var contextId = Guid.NewGuid().ToString("D");
        http.Response.Headers["ININ-Correlation-Id"] = contextId;
        return Results.Json(new ArchitectErrorBody(message, code, status, contextId, entityId, entityName, [], []),
            ArchitectWireJson.Options, "application/json", status);
    }

    public static IResult NotFound(HttpContext http, string what) => Result(http, 404, "not.found", $"{what} was not found.");

    public static IResult BadRequest(HttpContext http, string message) => Result(http, 400, "bad.request", message);

    /// <summary>The normalized 429 of every Platform API (reference §4).</summary>
    public static IResult TooManyRequests(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Result(http, 429, "too.many.requests.retry.after",
            $"Rate limit exceeded the maximum. Retry the request in [{retryAfterSeconds}] seconds");
    }
}
