using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// Test controls of the Architect surface: <c>GET/PUT /emulator/architect/settings</c> (index lag, read-after-write
/// window, transcode delay, per-token budget, paging cap, fault patterns, consuming flows) and
/// <c>POST /emulator/architect/reset</c> (no prompts, default settings). <c>/emulator/reset</c> resets it too.
/// Loopback callers only, like every /emulator control.
/// </summary>
internal static class ArchitectAdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapArchitectAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/emulator/architect").AddEndpointFilter(LoopbackOnly);
        admin.MapGet("/settings", (ArchitectStore store) => Results.Json(store.Settings, Json));
        admin.MapPut("/settings", SetAsync);
        admin.MapPost("/reset", (ArchitectStore store) =>
        {
            store.Reset();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SetAsync(HttpContext http, ArchitectStore store, ArchitectRateLimiter limiter)
    {
        ArchitectSettings? requested;
        try
        {
            requested = await JsonSerializer.DeserializeAsync<ArchitectSettings>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ArchitectErrors.BadRequest(http, $"The body is not an Architect settings object: {ex.Message}");
        }

        var problems = requested?.Validate() ?? ["The body must be an Architect settings JSON object."];
        if (problems.Count > 0)
        {
            return ArchitectErrors.BadRequest(http, string.Join(" ", problems));
        }

        requested!.ConsumingFlows = new Dictionary<string, List<string>>(requested.ConsumingFlows, StringComparer.Ordinal);
        store.Settings = requested;
        limiter.Clear();
        return Results.Json(store.Settings, Json);
    }

    private static async ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is not null && !System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return ArchitectErrors.Result(context.HttpContext, 403, "missing.permissions", "The /emulator controls answer only callers on the loopback interface.");
        }

        return await next(context);
    }
}
