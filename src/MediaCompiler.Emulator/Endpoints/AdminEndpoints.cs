using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Endpoints;

/// <summary>
/// The test controls under <c>/emulator/</c>: fault switches, request counts, reset. They need no authentication:
/// the emulator is a loopback test tool and must never be reachable from a network.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions FaultJson = new(MediaApiJson.Options)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/emulator").AddEndpointFilter(LoopbackCallersOnly);
        admin.MapGet("/faults", (FaultController faults) => Results.Json(faults.Current, FaultJson));
        admin.MapPut("/faults", SetFaultsAsync);
        admin.MapPost("/faults", SetFaultsAsync);
        admin.MapDelete("/faults", (FaultController faults) =>
        {
            faults.RestoreConfigured();
            return Results.Json(faults.Current, FaultJson);
        });
        admin.MapGet("/requests", (RequestCounter counter) => Results.Json(counter.Snapshot(), FaultJson));
        admin.MapGet("/requests/log", (RequestCounter counter) => Results.Json(counter.Log(), FaultJson));
        admin.MapPost("/reset", (HttpContext http, EmulatorReset reset) =>
        {
            var clearTokens = string.Equals(http.Request.Query["tokens"].ToString(), "clear", StringComparison.OrdinalIgnoreCase);
            reset.Reset(clearTokens);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// A second line of defence should the emulator be bound to a network address by mistake: the controls answer
    /// only callers on this machine.
    /// </summary>
    private static async ValueTask<object?> LoopbackCallersOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return ApiErrors.Result(StatusCodes.Status403Forbidden, ApiErrorCodes.MissingPermissions,
                "The /emulator controls answer only callers on the loopback interface.");
        }

        return await next(context);
    }

    /// <summary>Replaces the faults in force with the body (a FaultSettings JSON object; missing fields take defaults).</summary>
    private static async Task<IResult> SetFaultsAsync(HttpContext http, FaultController faults)
    {
        FaultSettings? requested;
        try
        {
            requested = await JsonSerializer.DeserializeAsync<FaultSettings>(http.Request.Body, FaultJson, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, $"The body is not a fault settings object: {ex.Message}");
        }

        if (requested is null)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, "The body must be a fault settings JSON object.");
        }

        var problems = requested.Validate("faults").ToArray();
        if (problems.Length > 0)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, string.Join(" ", problems),
                problems.Select(problem => new ApiErrorDetail(null, ApiErrorCodes.BadRequest, problem)).ToArray());
        }

        faults.Set(requested);
        return Results.Json(faults.Current, FaultJson);
    }
}
