using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaCompiler.Emulator.Errors;

/// <summary>
/// Turns whatever escapes a handler into an error body instead of an empty 500: a request Kestrel refused
/// (body too large, malformed) keeps its status, a full data directory is a 507, anything else is a 500 whose message
/// names the exception type only.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var code = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ApiErrorCodes.RequestTooLarge : ApiErrorCodes.BadRequest;
            await ApiErrors.WriteAsync(context, ApiErrors.Create(ex.StatusCode, code, ex.Message));
        }
        catch (Exception ex) when (!context.Response.HasStarted && WriteFailure.IsDiskFull(ex))
        {
            // The emulator's data directory is full: the server's problem, said as such (507), so a client never takes
            // it for a fault of the file it sent.
            logger.LogError(ex, "Disk full answering {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiErrors.WriteAsync(context, ApiErrors.Create(
                StatusCodes.Status507InsufficientStorage,
                ApiErrorCodes.InsufficientStorage,
                $"The emulator's data directory is full: {ex.Message.TrimEnd('.')}.",
                Array.Empty<ApiErrorDetail>()));
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "Unhandled error answering {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiErrors.WriteAsync(context, ApiErrors.Create(
                StatusCodes.Status500InternalServerError,
                ApiErrorCodes.InternalServerError,
                $"The emulator failed to handle the request ({ex.GetType().Name}).",
                Array.Empty<ApiErrorDetail>()));
        }
    }
}
