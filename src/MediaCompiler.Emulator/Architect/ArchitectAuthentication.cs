using System.Collections.Concurrent;
using MediaCompiler.Emulator.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// The filter on every Architect route: a bearer token from <c>POST /oauth/token</c> (401 otherwise), then, unless
/// exempt, the platform's per-token budget (300 a minute by default; a fixed window, 429 with Retry-After).
/// </summary>
internal static class ArchitectAuthentication
{
    private const string ClientIdItem = "architect.clientId";

    /// <summary>The OAuth client id of the request's token (set by <see cref="RequireArchitectToken"/>), else null.</summary>
    public static string? ClientId(HttpContext http) => http.Items.TryGetValue(ClientIdItem, out var id) ? id as string : null;

    /// <param name="builder">The route.</param>
    /// <param name="permission">What the client's role must grant for this route (<see cref="ArchitectPermissions"/>).</param>
    /// <param name="countsTowardsLimit">False for routes outside the JSON API's per-token budget (uploads).</param>
    /// <param name="acceptBareToken">
    /// Also take the token without its scheme (<c>Authorization: &lt;token&gt;</c>), as the Terraform provider sends
    /// it to the uploadUri; the scheme itself is case-insensitive (the official tutorial sends <c>bearer</c>).
    /// </param>
    public static RouteHandlerBuilder RequireArchitectToken(this RouteHandlerBuilder builder, string? permission, bool countsTowardsLimit = true, bool acceptBareToken = false) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            const string scheme = "Bearer ";
            var hasScheme = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length;
            var bare = acceptBareToken && !hasScheme && header.Length > 0 && !header.Contains(' ', StringComparison.Ordinal);
            if (!hasScheme && !bare)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return ArchitectErrors.Result(http, 401, "authentication.required", "No authentication bearer token specified in authorization header.");
            }

            var token = bare ? header.Trim() : header[scheme.Length..].Trim();
            var issuer = http.RequestServices.GetRequiredService<TokenIssuer>();
            if (issuer.Check(token, out var issued) != TokenCheck.Valid)
            {
                return ArchitectErrors.Result(http, 401, "bad.credentials", "Invalid login credentials.");
            }

            // Whose token it is: what a handler may show or write depends on the divisions the client's role grants.
            http.Items[ClientIdItem] = issued!.Client.ClientId;

            if (countsTowardsLimit && http.RequestServices.GetRequiredService<ArchitectRateLimiter>().TryAcquire(token) is { } wait)
            {
                return ArchitectErrors.TooManyRequests(http, wait);
            }

            if (permission is not null && !http.RequestServices.GetRequiredService<ArchitectStore>().Settings.HasPermission(issued.Client.ClientId, permission))
            {
                return ArchitectErrors.Result(http, 403, "missing.permissions", $"You are missing the following permission(s): {permission}");
            }

            if (HttpMethods.IsGet(http.Request.Method) && http.RequestServices.GetRequiredService<ArchitectStore>().TakeReadFault() is { } fault)
            {
                return ReadFault(http, fault);
            }

            return await next(context);
        });

    /// <summary>A transient 409 (with Retry-After) or a 206 whose page is empty: what a client must not trust.</summary>
    private static IResult ReadFault(HttpContext http, int status)
    {
        if (status == 409)
        {
            http.Response.Headers.RetryAfter = "1";
            return ArchitectErrors.Result(http, 409, "general.conflict", "The resource is being modified; retry the read.");
        }

        return Results.Json(new ArchitectListing<object>([], 25, 1, 0, 0, http.Request.Path), ArchitectWireJson.Options, statusCode: 206);
    }
}

/// <summary>A fixed window per token (a minute unless the settings shorten it). Thread-safe.</summary>
internal sealed class ArchitectRateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly ArchitectStore _store;

    public ArchitectRateLimiter(ArchitectStore store)
    {
        _store = store;
        store.Resetting += Clear;
    }

    /// <summary>Counts one request; null when allowed, else the whole seconds until the window ends.</summary>
    public int? TryAcquire(string token)
    {
        var budget = _store.Settings.RequestsPerMinutePerToken;
        var length = TimeSpan.FromSeconds(_store.Settings.RateLimitWindowSeconds);
        if (budget <= 0)
        {
            return null;
        }

        var now = _store.Now;
        var window = _windows.GetOrAdd(token, _ => new Window());
        lock (window)
        {
            if (now >= window.Start + length)
            {
                window.Start = now;
                window.Count = 0;
            }

            if (window.Count < budget)
            {
                window.Count++;
                return null;
            }

            return Math.Max(1, (int)Math.Ceiling((window.Start + length - now).TotalSeconds));
        }
    }

    public void Clear() => _windows.Clear();

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}

/// <summary>The permission each Architect route needs, as the SDKs' ArchitectApi docs list them.</summary>
internal static class ArchitectPermissions
{
    public const string ViewPrompts = "architect:userPrompt:view";
    public const string AddPrompts = "architect:userPrompt:add";
    public const string EditPrompts = "architect:userPrompt:edit";
    public const string DeletePrompts = "architect:userPrompt:delete";
    public const string ViewDependencies = "architect:dependencyTracking:view";
}
