using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.RequestCounting;

/// <summary>Counts each request routed to an API endpoint, before any fault or authentication can end it.</summary>
internal sealed class RequestCountingMiddleware(RequestDelegate next, RequestCounter counter)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (ApiRoute.KeyOf(context) is { } key)
        {
            counter.Increment(key);
        }

        return next(context);
    }
}
