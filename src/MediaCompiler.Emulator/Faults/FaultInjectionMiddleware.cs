using System.Globalization;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Faults;

/// <summary>
/// Applies the fault switches to API requests before they are authenticated or handled: latency first, then a 500,
/// a 503 (with Retry-After when configured) or a dropped connection for the seeded share of requests.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultController faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiRoute.KeyOf(context) is not { } key)
        {
            await next(context);
            return;
        }

        var decision = faults.Decide(key);
        if (decision.LatencyMilliseconds > 0)
        {
            await Task.Delay(decision.LatencyMilliseconds, context.RequestAborted);
        }

        switch (decision.Kind)
        {
            case FaultKind.ServerError:
                await ApiErrors.WriteAsync(context, ApiErrors.Create(
                    StatusCodes.Status500InternalServerError,
                    ApiErrorCodes.InternalServerError,
                    "Injected fault: the emulator answers 500 to this share of requests (see /emulator/faults)."));
                return;
            case FaultKind.ServiceUnavailable:
                if (decision.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await ApiErrors.WriteAsync(context, ApiErrors.Create(
                    StatusCodes.Status503ServiceUnavailable,
                    ApiErrorCodes.ServiceUnavailable,
                    "Injected fault: the emulator answers 503 to this share of requests (see /emulator/faults)."));
                return;
            case FaultKind.DropConnection:
                context.Abort();
                return;
            default:
                await next(context);
                return;
        }
    }
}
