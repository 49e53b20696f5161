using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>AuthzDivision: one division of the org (description is required in the SDK model; ours is empty).</summary>
internal sealed record ArchitectAuthzDivision(string Id, string Name, string Description, bool HomeDivision, string SelfUri);

/// <summary>
/// <c>GET /api/v2/authorization/divisions</c> (getAuthorizationDivisions): the org's divisions, Home first, filtered
/// by <c>id</c> (repeated or comma-joined) and <c>name</c> (the SDK's "search term": a case-insensitive prefix here),
/// paged like every listing. Every division is listed whatever the caller's grants, as the platform lists them.
/// </summary>
internal static class ArchitectDivisionEndpoints
{
    public const string Root = "/api/v2/authorization/divisions";

    public static void MapArchitectDivisionEndpoints(this IEndpointRouteBuilder app) =>
        // The permission this route needs is not confirmed against a real org: none is modelled.
        app.MapGet(Root, List).WithMetadata(ApiRoute.Marker).RequireArchitectToken(permission: null);

    private static IResult List(HttpContext http, ArchitectStore store)
    {
        var query = http.Request.Query;
        var pageNumber = int.TryParse(query["pageNumber"], System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 1;
        var pageSize = int.TryParse(query["pageSize"], System.Globalization.CultureInfo.InvariantCulture, out var size) ? size : 25;
        if (pageNumber < 1 || pageSize < 1 || pageSize > store.Settings.MaxPageSize)
        {
            return ArchitectErrors.BadRequest(http, $"pageNumber must be 1 or more and pageSize between 1 and {store.Settings.MaxPageSize}.");
        }

        var ids = query["id"].SelectMany(i => (i ?? "").Split(',')).Where(i => i.Length > 0).ToHashSet(StringComparer.Ordinal);
        var name = query["name"].ToString();
        var settings = store.Settings;
        var all = new[] { (Id: ArchitectSettings.HomeDivisionId, Name: "Home") }
            .Concat(settings.Divisions.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase).Select(d => (Id: d.Value, Name: d.Key)))
            .Where(d => ids.Count == 0 || ids.Contains(d.Id))
            .Where(d => name.Length == 0 || d.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            .Select(d => new ArchitectAuthzDivision(d.Id, d.Name, "", d.Id == ArchitectSettings.HomeDivisionId, $"{Root}/{d.Id}"))
            .ToList();
        return Results.Json(ArchitectPaging.Page(all, pageNumber, pageSize, http.Request), ArchitectWireJson.Options);
    }
}
