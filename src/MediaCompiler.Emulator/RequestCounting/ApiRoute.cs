using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.RequestCounting;

/// <summary>
/// Marks the endpoints of the media API (<c>/oauth/token</c>, <c>/api/v2/*</c>): the ones counted and faulted.
/// The admin endpoints under <c>/emulator/</c> carry no mark, so fault switches never lock the tester out.
/// </summary>
internal sealed class ApiRoute
{
    public static readonly ApiRoute Marker = new();

    /// <summary>
    /// "METHOD /route/template" of the API endpoint the request was routed to (e.g.
    /// <c>GET /api/v2/media/assets/{id}</c>); null for anything else.
    /// </summary>
    public static string? KeyOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<ApiRoute>() is not null
            ? $"{context.Request.Method} {endpoint.RoutePattern.RawText}"
            : null;
}
