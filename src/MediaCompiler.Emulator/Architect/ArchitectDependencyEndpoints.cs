using System.Globalization;
using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// Dependency tracking: <c>GET /api/v2/architect/dependencytracking/consumingresources?id=…&amp;objectType=USERPROMPT</c>
/// (the consumers of a prompt from <see cref="ArchitectSettings.ConsumingFlows"/>, typed by
/// <see cref="ArchitectSettings.ConsumerTypes"/>, paged at most <see cref="ArchitectSettings.MaxDependencyPageSize"/>
/// a page with next/last addresses) and <c>GET /api/v2/architect/dependencytracking/build</c> (the build status, as
/// the SDKs' getArchitectDependencytrackingBuild names it).
/// </summary>
internal static class ArchitectDependencyEndpoints
{
    public static void MapArchitectDependencyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/architect/dependencytracking/consumingresources", Consumers).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.ViewDependencies);
        app.MapGet("/api/v2/architect/dependencytracking/build", Build).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.ViewDependencies);
    }

    private static IResult Consumers(HttpContext http, ArchitectStore store)
    {
        var query = http.Request.Query;
        var id = query["id"].ToString();
        var objectType = query["objectType"].ToString();
        if (id.Length == 0 || objectType.Length == 0)
        {
            return ArchitectErrors.BadRequest(http, "id and objectType are required.");
        }

        if (!string.Equals(objectType, "USERPROMPT", StringComparison.Ordinal))
        {
            return ArchitectErrors.BadRequest(http, $"objectType '{objectType}' is not supported by the emulator (only USERPROMPT).");
        }

        if (!int.TryParse(query["pageNumber"].FirstOrDefault() ?? "1", NumberStyles.None, CultureInfo.InvariantCulture, out var pageNumber) || pageNumber < 1
            || !int.TryParse(query["pageSize"].FirstOrDefault() ?? "25", NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) || pageSize < 1)
        {
            return ArchitectErrors.BadRequest(http, "pageNumber and pageSize must be positive whole numbers.");
        }

        var settings = store.Settings;
        lock (store.Lock)
        {
            var consumers = store.Prompts.TryGetValue(id, out var prompt) && settings.ConsumingFlows.TryGetValue(prompt.Name, out var names)
                ? names
                : [];
            var entities = consumers.Select(name =>
            {
                var slug = name.ToLowerInvariant().Replace(' ', '-');
                return new ArchitectDependency("flow-" + slug, name, settings.ConsumerTypes.GetValueOrDefault(name, "INBOUNDCALLFLOW"), "1.0",
                    Deleted: false, Updated: false, StateUnknown: settings.StateUnknownConsumers.Contains(name), "/api/v2/flows/flow-" + slug);
            }).ToList();
            return Results.Json(ArchitectPaging.Page(entities, pageNumber, Math.Min(pageSize, settings.MaxDependencyPageSize), http.Request), ArchitectWireJson.Options);
        }
    }

    private static IResult Build(ArchitectStore store)
    {
        var status = store.Settings.DependencyTrackingBuildStatus;
        var started = store.Now.AddHours(-1);
        return Results.Json(new ArchitectDependencyStatus("emulator-build", "Dependency tracking build", status, started,
            status.StartsWith("OPERATIONAL", StringComparison.Ordinal) ? started.AddMinutes(5) : null,
            "/api/v2/architect/dependencytracking/build"), ArchitectWireJson.Options);
    }
}
