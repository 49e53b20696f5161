using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.RequestCounting;

/// <summary>
/// Counts each request routed to an API endpoint before any fault or authentication can end it, and logs it with the
/// status it got once it is answered.
/// </summary>
internal sealed class RequestCountingMiddleware(RequestDelegate next, RequestCounter counter, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiRoute.KeyOf(context) is not { } key)
        {
            await next(context);
            return;
        }

        counter.Increment(key);
        var at = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // A dropped connection (fault switch) or a client gone mid-answer is logged as status 0: no answer.
            var status = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
            counter.Record(new RequestLogEntry(at, context.Request.Method, context.Request.Path.Value ?? "/", key, status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }
}
