using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// <c>GET /api/v2/architect/dependencytracking/consumingresources?id=…&amp;objectType=USERPROMPT[&amp;flowFilter=published]</c>:
/// the flows that use a prompt, from <see cref="ArchitectSettings.ConsumingFlows"/> (all of them published).
/// </summary>
internal static class ArchitectDependencyEndpoints
{
    public static void MapArchitectDependencyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v2/architect/dependencytracking/consumingresources", Consumers).WithMetadata(ApiRoute.Marker).RequireArchitectToken();

    private static IResult Consumers(HttpContext http, ArchitectStore store)
    {
        var id = http.Request.Query["id"].ToString();
        var objectType = http.Request.Query["objectType"].ToString();
        if (id.Length == 0 || objectType.Length == 0)
        {
            return ArchitectErrors.BadRequest(http, "id and objectType are required.");
        }

        if (!string.Equals(objectType, "USERPROMPT", StringComparison.Ordinal))
        {
            return ArchitectErrors.BadRequest(http, $"objectType '{objectType}' is not supported by the emulator (only USERPROMPT).");
        }

        lock (store.Lock)
        {
            var flows = store.Prompts.TryGetValue(id, out var prompt) && store.Settings.ConsumingFlows.TryGetValue(prompt.Name, out var names)
                ? names
                : [];
            var entities = flows.Select(name => new ArchitectDependency(
                "flow-" + name.ToLowerInvariant().Replace(' ', '-'), name, "INBOUNDCALLFLOW", "1.0", Deleted: false, Updated: false,
                "/api/v2/flows/flow-" + name.ToLowerInvariant().Replace(' ', '-'))).ToList();
            return Results.Json(new ArchitectListing<ArchitectDependency>(entities, 100, 1, entities.Count, 1, http.Request.Path + http.Request.QueryString),
                ArchitectWireJson.Options);
        }
    }
}
