using System.Globalization;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.RateLimiting;
using MediaCompiler.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaCompiler.Emulator.Auth;

/// <summary>
/// The endpoint filter every <c>/api/v2</c> route carries: a valid bearer token (401 otherwise), the client's request
/// budget (429), then the route's scopes (403). The caller's client is left in <see cref="HttpContext.Items"/>.
/// </summary>
internal static class BearerAuthentication
{
    private const string ClientItemKey = "MediaCompiler.Emulator.Client";

    public static RouteHandlerBuilder RequireScopes(this RouteHandlerBuilder builder, params string[] scopes) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var failure = Authorize(http, scopes);
            return failure ?? await next(context);
        });

    /// <summary>The client whose token authorized this request (set by <see cref="RequireScopes"/>).</summary>
    public static ClientSettings Client(this HttpContext context) =>
        context.Items[ClientItemKey] as ClientSettings
        ?? throw new InvalidOperationException("The endpoint has no RequireScopes filter.");

    private static IResult? Authorize(HttpContext http, string[] scopes)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired,
                "This call needs an 'Authorization: Bearer <token>' header; get a token from POST /oauth/token.");
        }

        var issuer = http.RequestServices.GetRequiredService<TokenIssuer>();
        switch (issuer.Check(header[scheme.Length..].Trim(), out var token))
        {
            case TokenCheck.Unknown:
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrorCodes.InvalidToken,
                    "The bearer token is not one this server issued (or it was cleared); get a new one from POST /oauth/token.");
            case TokenCheck.Expired:
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrorCodes.TokenExpired,
                    "The bearer token has expired; get a new one from POST /oauth/token.");
        }

        var client = token!.Client;
        var budget = http.RequestServices.GetRequiredService<ClientRateLimiter>().TryAcquire(client);
        if (budget.Limit > 0)
        {
            // Published on every answer so that a client can pace itself under the limit instead of meeting a 429.
            http.Response.Headers[RateLimitHeaders.Limit] = budget.Limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[RateLimitHeaders.Remaining] = budget.Remaining.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[RateLimitHeaders.Reset] = budget.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (budget.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.Result(StatusCodes.Status429TooManyRequests, ApiErrorCodes.TooManyRequests,
                $"Client '{client.ClientId}' used its request budget for this window; retry after {seconds} s.");
        }

        var missing = scopes.Where(scope => !token.Scopes.Contains(scope)).ToArray();
        if (missing.Length > 0)
        {
            return ApiErrors.Result(StatusCodes.Status403Forbidden, ApiErrorCodes.MissingPermissions,
                $"Client '{client.ClientId}' lacks scope(s) {string.Join(", ", missing)} needed for {http.Request.Method} {http.Request.Path}.",
                missing.Select(scope => new ApiErrorDetail("scope", ApiErrorCodes.MissingPermissions, $"Scope '{scope}' is required.")).ToArray());
        }

        http.Items[ClientItemKey] = client;
        return null;
    }
}
