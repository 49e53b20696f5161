using MediaCompiler.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MediaCompiler.Emulator.Auth;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Endpoints;

/// <summary><c>POST /oauth/token</c>: the client-credentials grant, credentials in the form or as HTTP Basic.</summary>
internal static class OAuthEndpoints
{
    public static void MapOAuthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost(MediaApiRoutes.Token, IssueTokenAsync).WithMetadata(ApiRoute.Marker);

    private static async Task<IResult> IssueTokenAsync(HttpContext http, TokenIssuer issuer)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                "POST /oauth/token takes an application/x-www-form-urlencoded body (grant_type=client_credentials).");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A malformed multipart body (no boundary, a truncated section): the client's fault, said as such.
            var diagnostic = Diagnostic.Create(DiagnosticCatalog.EngineTokenRequestMalformed, null, ex.Message);
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, diagnostic.Message,
                new ApiErrorDetail(null, diagnostic.Code, diagnostic.Message));
        }

        var grantType = form["grant_type"].ToString();
        if (grantType != "client_credentials")
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.UnsupportedGrantType,
                $"grant_type '{grantType}' is not supported; use client_credentials.",
                new ApiErrorDetail("grant_type", ApiErrorCodes.UnsupportedGrantType, "Only client_credentials is supported."));
        }

        var (clientId, clientSecret) = BasicCredentials(http.Request) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        var client = clientId.Length == 0 ? null : issuer.Authenticate(clientId, clientSecret);
        if (client is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"media-api\"";
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrorCodes.BadCredentials,
                "The client id or client secret is wrong (send them as HTTP Basic or as client_id and client_secret form fields).");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(issuer.Issue(client), MediaApiJson.Options);
    }

    /// <summary>The credentials of an <c>Authorization: Basic</c> header (form-url-encoded per RFC 6749 2.3.1).</summary>
    private static (string Id, string Secret)? BasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? (Uri.UnescapeDataString(decoded), "")
                : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return ("", "");
        }
    }
}
