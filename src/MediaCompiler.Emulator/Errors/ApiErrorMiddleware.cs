using MediaCompiler.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaCompiler.Emulator.Errors;

/// <summary>
/// Turns whatever escapes a handler into an error body instead of an empty 500: a request Kestrel refused
/// (body too large, malformed) keeps its status, anything else is a 500 whose message names the exception type only.
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
